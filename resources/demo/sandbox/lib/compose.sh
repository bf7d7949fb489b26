# SPDX-License-Identifier: GPL-3.0-or-later
# The Bot Core stack of the demo host: what docker and docker-compose report about it.
# State lives in the sandbox: one line per service, "name state since restarts", where
# state is running, exited or removed and since is a Unix time.

PROJECT=bot-core
COMPOSE_STATE="$STATE/compose.state"
# name|image|command|ports|has a health check
SERVICES='mongodb|mongo:7.0|"docker-entrypoint.s..."|27017/tcp|yes
rust-core-engine|bot-core/rust-core-engine:1.8.2|"/app/rust-core-engi..."|0.0.0.0:8080->8080/tcp|yes
python-ai-service|bot-core/python-ai-service:1.8.2|"uvicorn main:app --..."|0.0.0.0:8000->8000/tcp|yes
nextjs-ui-dashboard|bot-core/nextjs-ui-dashboard:1.8.2|"docker-entrypoint.s..."|0.0.0.0:3000->3000/tcp|no
grafana|grafana/grafana:10.2.2|"/run.sh"|0.0.0.0:3001->3000/tcp|no'

service_names() { printf '%s\n' "$SERVICES" | cut -d'|' -f1; }

service_field() { printf '%s\n' "$SERVICES" | awk -F'|' -v n="$1" -v f="$2" '$1 == n { print $f }'; }

is_service() { service_names | grep -qx -- "$1"; }

# The stack has been up for a few days when the demo starts; mongodb a little longer.
init_state() {
    [ -f "$COMPOSE_STATE" ] && return
    now=$(date +%s)
    {
        echo "mongodb running $((now - 342000)) 0"
        echo "rust-core-engine running $((now - 268000)) 1"
        echo "python-ai-service running $((now - 268000)) 0"
        echo "nextjs-ui-dashboard running $((now - 268000)) 0"
        echo "grafana running $((now - 341000)) 0"
    } >"$COMPOSE_STATE"
}

service_state() { awk -v n="$1" '$1 == n { print $2 }' "$COMPOSE_STATE"; }
service_since() { awk -v n="$1" '$1 == n { print $3 }' "$COMPOSE_STATE"; }

set_state() { # name state
    now=$(date +%s)
    awk -v n="$1" -v s="$2" -v t="$now" \
        '$1 == n { r = $4; if (s == "running" && $2 == "running") r++; print $1, s, t, r; next } { print }' \
        "$COMPOSE_STATE" >"$COMPOSE_STATE.new" && mv "$COMPOSE_STATE.new" "$COMPOSE_STATE"
}

# Docker's way of saying how long ago: "3 days", "About an hour", "40 seconds".
human_duration() {
    s=$1
    if [ "$s" -lt 1 ]; then echo "Less than a second"
    elif [ "$s" -lt 60 ]; then echo "$s seconds"
    elif [ "$s" -lt 120 ]; then echo "About a minute"
    elif [ "$s" -lt 3600 ]; then echo "$((s / 60)) minutes"
    elif [ "$s" -lt 7200 ]; then echo "About an hour"
    elif [ "$s" -lt 172800 ]; then echo "$((s / 3600)) hours"
    else echo "$((s / 86400)) days"
    fi
}

container_name() { echo "$PROJECT-$1-1"; }

status_text() { # name
    now=$(date +%s)
    since=$(service_since "$1")
    case "$(service_state "$1")" in
        running)
            health=""
            if [ "$(service_field "$1" 5)" = yes ]; then
                # A health check needs half a minute after a start before it reports.
                if [ $((now - since)) -lt 30 ]; then health=" (health: starting)"; else health=" (healthy)"; fi
            fi
            echo "Up $(human_duration $((now - since)))$health" ;;
        exited) echo "Exited (0) $(human_duration $((now - since))) ago" ;;
    esac
}

# Log lines of a service, oldest first, from the sandbox's rendered log files.
service_log() { # name since_epoch tail_count
    file="$SANDBOX/opt/bot-core/logs/$1.log"
    [ -f "$file" ] || return 0
    cutoff=$(date -u -d "@$2" +%Y-%m-%dT%H:%M:%S)
    awk -v c="$cutoff" 'substr($1, 1, 19) >= c' "$file" | if [ "$3" -gt 0 ]; then tail -n "$3"; else cat; fi
}

# "24h", "90m", "2d", "30s" or an ISO date -> Unix time.
parse_since() {
    case "$1" in
        "") echo 0 ;;
        *[0-9]s) echo $(($(date +%s) - ${1%s})) ;;
        *[0-9]m) echo $(($(date +%s) - ${1%m} * 60)) ;;
        *[0-9]h) echo $(($(date +%s) - ${1%h} * 3600)) ;;
        *[0-9]d) echo $(($(date +%s) - ${1%d} * 86400)) ;;
        *) date -u -d "$1" +%s 2>/dev/null || {
            echo "invalid value for --since: $1" >&2
            exit 1
        } ;;
    esac
}
