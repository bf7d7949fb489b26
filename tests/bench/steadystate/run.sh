#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Steady-state benchmark: the `pilothouse` window (offscreen) watching SERVICES x
# ENDPOINTS simulated endpoints refreshed every INTERVAL_MS, for DURATION seconds per run.
# Samples utime+stime from /proc/PID/stat and VmRSS from /proc/PID/status every SAMPLE
# seconds and reports, over RUNS runs, the CPU used as % of one core after the warm-up
# and the growth of the resident set from t=RSS_FROM s to the end.
#
# Usage: tests/bench/steadystate/run.sh
#
# Environment:
#   BUILD_DIR    Release build tree (default: <repo>/build-release). Configured and the
#                targets pilothouse + pilothouse-sim built (ninja -j1) when missing.
#   DURATION     seconds per run (default 600)
#   RUNS         runs (default 5)
#   WARMUP       seconds left out of the CPU figure (default 30)
#   RSS_FROM     second from which RSS growth counts (default 60)
#   SAMPLE       seconds between samples (default 10)
#   SERVICES     simulated services (default 50)
#   ENDPOINTS    endpoints per service (default 4)
#   INTERVAL_MS  workspace probe_interval_ms (default 5000)
#   KEEP=1       keep the work directory (workspace, samples, logs)
#   PERF=1       also record `perf record --call-graph dwarf` of the console for PERF_SECONDS
#                (default 30) from t=WARMUP in the last run, into the work directory
#                (perf.data; implies KEEP=1)
#
# Each run starts the console afresh as a user starts it, with `--workspace`, in a private
# HOME/XDG tree shared by all runs (so the local database persists, as it does for a
# user), under its own D-Bus session with a throwaway unlocked gnome-keyring, and under
# `timeout`. The simulator (`--services --endpoints-per-service`, default jitter) runs for
# the whole benchmark; its per-path request counters (control port, GET /state) show how
# many probes the console sent in each run. Everything started here is stopped by PID.
#
# Targets: CPU < 5 % of one core, RSS growth < 5 MB (medians; MB = 10^6 bytes, from the
# kB = 1024 bytes of /proc).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"
BUILD_DIR=${BUILD_DIR:-$repo/build-release}
DURATION=${DURATION:-600}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-30}
RSS_FROM=${RSS_FROM:-60}
SAMPLE=${SAMPLE:-10}
SERVICES=${SERVICES:-50}
ENDPOINTS=${ENDPOINTS:-4}
INTERVAL_MS=${INTERVAL_MS:-5000}
app=$BUILD_DIR/app/pilothouse
sim=$BUILD_DIR/app/pilothouse-sim

missing=()
for tool in dbus-run-session gnome-keyring-daemon timeout curl python3 cmake ninja; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "steadystate: missing ${missing[*]}; install them (Debian: apt-get install dbus gnome-keyring coreutils curl python3 cmake ninja-build)" >&2
    exit 2
fi
if ((DURATION <= WARMUP || DURATION <= RSS_FROM)); then
    echo "steadystate: DURATION ($DURATION) must be longer than WARMUP ($WARMUP) and RSS_FROM ($RSS_FROM)" >&2
    exit 2
fi

if [[ ! -x $app || ! -x $sim ]]; then
    if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
        cmake -S "$repo" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    ninja -C "$BUILD_DIR" -j1 pilothouse pilothouse-sim
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")
if [[ $build_type != Release && $build_type != RelWithDebInfo ]]; then
    echo "steadystate: warning: $BUILD_DIR is a '$build_type' build; figures will be high" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ph-steadystate.XXXXXX")
sim_pid=
run_pid=
app_pid=
cleanup() {
    # The console first (its bus session and keyring end with it), then the simulator.
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid" 2>/dev/null || true
    fi
    if [[ -n $run_pid ]]; then
        wait "$run_pid" 2>/dev/null || true
    fi
    if [[ -n $sim_pid ]] && kill -0 "$sim_pid" 2>/dev/null; then
        kill -TERM "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP:-0} == 1 || ${PERF:-0} == 1 ]]; then
        echo "steadystate: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$sim" --services "$SERVICES" --endpoints-per-service "$ENDPOINTS" --seed 1 \
    --exit-with-parent >"$work/ports.json" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 100); do
    [[ -s $work/ports.json ]] && break
    kill -0 "$sim_pid" 2>/dev/null || { echo "steadystate: simulator exited:" >&2; cat "$work/sim.log" >&2; exit 1; }
    sleep 0.1
done
[[ -s $work/ports.json ]] || { echo "steadystate: simulator printed no port map in 10 s" >&2; exit 1; }
control=$(grep -o '"_control":[0-9]*' "$work/ports.json" | cut -d: -f2)
[[ -n $control ]] || { echo "steadystate: no control port in $(cat "$work/ports.json")" >&2; exit 1; }

# One generic service per simulated port, ENDPOINTS endpoints each (/ep/0 ...).
ws=$work/steady.workspace.jsonc
{
    echo '{ "schema_version": 2, "name": "steady-state bench",'
    echo '  "environments": [ { "name": "bench", "production": false } ],'
    echo '  "services": ['
    for ((s = 0; s < SERVICES; ++s)); do
        port=$(grep -o "\"synthetic-$s\":[0-9]*" "$work/ports.json" | cut -d: -f2)
        [[ -n $port ]] || { echo "steadystate: no port for synthetic-$s" >&2; exit 1; }
        ((s > 0)) && echo ','
        printf '{ "name": "synthetic-%d", "environment": "bench", "profile": "generic",\n' "$s"
        printf '  "base_url": "http://127.0.0.1:%d", "endpoints": [' "$port"
        for ((e = 0; e < ENDPOINTS; ++e)); do
            ((e > 0)) && printf ','
            printf '{"name":"ep%d","path":"/ep/%d","health_body":false}' "$e" "$e"
        done
        printf ']}'
    done
    echo ' ],'
    printf '  "settings": { "probe_interval_ms": %d } }\n' "$INTERVAL_MS"
} >"$ws"

mkdir -p "$work/home" "$work/data" "$work/config" "$work/state" "$work/cache" "$work/runtime"
chmod 700 "$work/runtime"

# Probes the simulator has answered so far, all services and paths together.
requests() {
    curl -s --max-time 10 "http://127.0.0.1:$control/state" | python3 -c '
import json, sys
state = json.load(sys.stdin)
def total(v):
    if isinstance(v, dict):
        return sum(total(x) for x in v.values())
    return v if isinstance(v, int) else 0
print(total(state.get("requests", {})))'
}

ticks_per_s=$(getconf CLK_TCK)
now() { date +%s.%N; }
cpu_ticks() { # utime + stime of PID (fields 14 and 15; the name in field 2 has no blank)
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

: >"$work/results"
for ((r = 1; r <= RUNS; ++r)); do
    pidfile=$work/app.pid.$r
    rm -f "$pidfile"
    # `exec` keeps the shell's PID for the console, so the PID file names the console.
    env HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" \
        XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
        XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen \
        timeout --kill-after=5 $((DURATION + 120)) \
        dbus-run-session -- sh -c \
        'echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null && echo $$ >"$2" && exec "$0" --workspace "$1"' \
        "$app" "$ws" "$pidfile" </dev/null >/dev/null 2>"$work/run$r.log" &
    run_pid=$!
    t0=$(now)
    for _ in $(seq 300); do
        [[ -s $pidfile ]] && break
        kill -0 "$run_pid" 2>/dev/null || break
        sleep 0.1
    done
    app_pid=$(cat "$pidfile" 2>/dev/null || true)
    if [[ -z $app_pid ]] || ! kill -0 "$app_pid" 2>/dev/null; then
        echo "steadystate: run $r: the console did not start; its log:" >&2
        tail -20 "$work/run$r.log" >&2
        exit 1
    fi

    : >"$work/samples.$r"
    cpu_warm=
    t_warm=
    rss_from=
    req_warm=
    perf_pid=
    next=$SAMPLE
    while :; do
        sleep "$(awk -v t0="$t0" -v n="$next" -v now="$(now)" 'BEGIN { d = t0 + n - now; print (d > 0 ? d : 0) }')"
        if ! kill -0 "$app_pid" 2>/dev/null; then
            echo "steadystate: run $r: the console exited early; its log:" >&2
            tail -20 "$work/run$r.log" >&2
            exit 1
        fi
        t=$(now)
        ticks=$(cpu_ticks "$app_pid")
        rss=$(rss_kb "$app_pid")
        echo "$next $ticks $rss" >>"$work/samples.$r"
        if [[ -z $cpu_warm ]] && ((next >= WARMUP)); then
            cpu_warm=$ticks
            t_warm=$t
            req_warm=$(requests)
            if [[ ${PERF:-0} == 1 && $r == "$RUNS" ]]; then
                perf record -q --call-graph dwarf,16384 -F 99 -o "$work/perf.data" \
                    -p "$app_pid" -- sleep "${PERF_SECONDS:-30}" >"$work/perf.log" 2>&1 &
                perf_pid=$!
            fi
        fi
        if [[ -z $rss_from ]] && ((next >= RSS_FROM)); then
            rss_from=$rss
        fi
        ((next >= DURATION)) && break
        next=$((next + SAMPLE))
    done
    req_end=$(requests)
    if [[ -n $perf_pid ]]; then
        wait "$perf_pid" 2>/dev/null || true
    fi
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
    run_pid=
    app_pid=

    read -r cpu_pct growth_mb rate < <(awk -v c0="$cpu_warm" -v c1="$ticks" -v t0="$t_warm" \
        -v t1="$t" -v hz="$ticks_per_s" -v r0="$rss_from" -v r1="$rss" -v q0="$req_warm" \
        -v q1="$req_end" 'BEGIN {
            printf "%.2f %.2f %.1f\n", (c1 - c0) / hz / (t1 - t0) * 100, (r1 - r0) * 1.024 / 1000,
                (q1 - q0) / (t1 - t0) }')
    echo "$cpu_pct $growth_mb $rate $(awk '{ print $1 }' /proc/loadavg)" >>"$work/results"
    printf 'run %d: CPU %s %% of one core, RSS %.1f -> %.1f MB (growth %s MB), %s probes/s, load %s\n' \
        "$r" "$cpu_pct" "$(awk -v k="$rss_from" 'BEGIN { print k * 1.024 / 1000 }')" \
        "$(awk -v k="$rss" 'BEGIN { print k * 1.024 / 1000 }')" "$growth_mb" "$rate" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
done

read -r c_min c_med c_max <<<"$(stats "$work/results" 1 %.2f)"
read -r g_min g_med g_max <<<"$(stats "$work/results" 2 %.2f)"
read -r q_min q_med q_max <<<"$(stats "$work/results" 3 %.2f)"

echo
echo "steady state: $SERVICES services x $ENDPOINTS endpoints every $((INTERVAL_MS / 1000)) s, $RUNS runs of $DURATION s, $build_type, $(date -u +%FT%TZ)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-36s %8s %8s %8s\n' "" min median max
printf '%-36s %8s %8s %8s\n' "CPU after ${WARMUP} s (% of one core)" "$c_min" "$c_med" "$c_max"
printf '%-36s %8s %8s %8s\n' "RSS growth ${RSS_FROM} s -> end (MB)" "$g_min" "$g_med" "$g_max"
printf '%-36s %8s %8s %8s\n' "probes answered per second" "$q_min" "$q_med" "$q_max"
awk -v c="$c_med" -v g="$g_med" -v n="$((SERVICES * ENDPOINTS))" -v i="$INTERVAL_MS" -v q="$q_med" 'BEGIN {
    printf "expected probes per second: %.1f (measured median %.1f)\n", n * 1000 / i, q
    printf "CPU median %.2f %%   (target < 5 %%: %s)\n", c, c < 5 ? "met" : "MISSED"
    printf "RSS growth median %.2f MB   (target < 5 MB: %s)\n", g, g < 5 ? "met" : "MISSED" }'
