#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fan-out benchmark: `uptime` on N private sshd daemons on 127.0.0.1 through
# `pilothouse-cli exec`, `parallel-ssh` and `ansible -m command`, timed in the same run and
# interleaved so that all three see the same machine load.
#
# Usage: tests/bench/fanout/run.sh
#
# Environment:
#   BUILD_DIR    Release build tree (default: <repo>/build-release). Configured and
#                pilothouse-cli built (ninja -j1) when missing.
#   RUNS         timed runs of each tool per N (default 5)
#   NS           daemon counts to measure (default "10 50")
#   PARALLEL     hosts at once for every tool (default 32: the default of pilothouse-cli
#                and of parallel-ssh; ansible's -f is set to the same)
#   SKIP_PEERS=1 time pilothouse-cli only (when pssh or ansible are not installed)
#   KEEP=1       keep the work directory (configs, logs, inventories)
#
# Needs: bash, python3, OpenSSH (sshd and ssh-keygen), parallel-ssh and ansible.
# Debian: apt-get install --no-install-recommends openssh-server openssh-client pssh ansible
# (installing openssh-server starts the system sshd on port 22; this script never uses it).
# Missing tools are reported, not installed.
#
# Every daemon gets `SetEnv SHLVL=1`, so Debian's bash does not source ~/.bashrc for the
# command and shell start-up stays out of the figures. All daemons are stopped by PID on
# exit, whatever happens.
#
# Prints min/median/max wall seconds per tool and N, and the ratios of the medians.
# Targets (N=50): pilothouse-cli <= 0.6x parallel-ssh and <= 0.15x ansible.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"
BUILD_DIR=${BUILD_DIR:-$repo/build-release}
RUNS=${RUNS:-5}
NS=${NS:-"10 50"}
PARALLEL=${PARALLEL:-32}
SKIP_PEERS=${SKIP_PEERS:-0}

pssh_bin=$(command -v parallel-ssh || command -v pssh || true)
missing=()
command -v python3 >/dev/null || missing+=(python3)
[[ -x /usr/sbin/sshd ]] || missing+=("sshd (openssh-server)")
command -v ssh-keygen >/dev/null || missing+=("ssh-keygen (openssh-client)")
if [[ $SKIP_PEERS != 1 ]]; then
    [[ -n $pssh_bin ]] || missing+=("parallel-ssh (pssh)")
    command -v ansible >/dev/null || missing+=(ansible)
fi
if ((${#missing[@]})); then
    echo "fanout: missing ${missing[*]}; install them (Debian: apt-get install --no-install-recommends openssh-server openssh-client pssh ansible), or SKIP_PEERS=1" >&2
    exit 2
fi

cli=$BUILD_DIR/app/pilothouse-cli
if [[ ! -x $cli ]]; then
    if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
        cmake -S "$repo" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    ninja -C "$BUILD_DIR" -j1 pilothouse-cli
fi
if ! grep -Eq 'CMAKE_BUILD_TYPE:STRING=(Release|RelWithDebInfo)' "$BUILD_DIR/CMakeCache.txt"; then
    echo "fanout: warning: $BUILD_DIR is not a Release build; figures will be slow" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ph-fanout.XXXXXX")
chmod 700 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "fanout: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $(id -u) == 0 ]] && mkdir -p /run/sshd
user=$(id -un)
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key" -C bench-host
ssh-keygen -q -t ed25519 -N '' -f "$work/client_key" -C bench-client
cp "$work/client_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
host_pub=$(cut -d' ' -f1,2 "$work/host_key.pub")

# A private, reproducible environment for every tool: nothing read from or written to
# the user's ~/.ssh, ~/.ansible or Pilothouse data.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export ANSIBLE_LOCAL_TEMP=$work/ansible-tmp ANSIBLE_HOME=$work/home/.ansible
export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_NOCOLOR=1
mkdir -p "$HOME"
seal_key=$(head -c 32 /dev/urandom | base64)

max_n=0
for n in $NS; do ((n > max_n)) && max_n=$n; done
# Distinct free ports: all sockets are held open until every port is known.
mapfile -t ports < <(python3 - "$max_n" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
for s in held:
    print(s.getsockname()[1])
PY
)

echo "fanout: starting $max_n sshd on 127.0.0.1" >&2
for ((i = 0; i < max_n; i++)); do
    port=${ports[$i]}
    cat >"$work/sshd_$i.conf" <<CONF
ListenAddress 127.0.0.1:$port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile none
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $user
MaxStartups 200
SetEnv SHLVL=1
LogLevel ERROR
CONF
    /usr/sbin/sshd -D -e -f "$work/sshd_$i.conf" -E "$work/sshd_$i.log" &
    pids+=($!)
done
for ((i = 0; i < max_n; i++)); do
    port=${ports[$i]}
    ok=0
    for ((t = 0; t < 100; t++)); do
        if banner=$(timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && head -c 8 <&3" 2>/dev/null) &&
            [[ $banner == SSH-2.0-* ]]; then
            ok=1
            break
        fi
        sleep 0.1
    done
    if ((!ok)); then
        echo "fanout: sshd on port $port gave no banner:" >&2
        cat "$work/sshd_$i.log" >&2
        exit 1
    fi
done

now_ns() { date +%s%N; }

# Writes the inputs of every tool for the first $1 daemons.
prepare() {
    local n=$1 dir=$work/n$1
    mkdir -p "$dir"
    : >"$dir/known_hosts"
    : >"$dir/pssh_hosts"
    printf '[bench]\n' >"$dir/inventory.ini"
    cli_hosts=()
    for ((i = 0; i < n; i++)); do
        local port=${ports[$i]}
        echo "[127.0.0.1]:$port $host_pub" >>"$dir/known_hosts"
        echo "$user@127.0.0.1:$port" >>"$dir/pssh_hosts"
        echo "h$i ansible_host=127.0.0.1 ansible_port=$port ansible_user=$user" >>"$dir/inventory.ini"
        cli_hosts+=(--host "$user@127.0.0.1:$port")
    done
    ssh_opts="-o UserKnownHostsFile=$dir/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes -i $work/client_key"
    printf '[bench:vars]\nansible_ssh_private_key_file=%s\nansible_ssh_common_args=-o UserKnownHostsFile=%s -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes\n' \
        "$work/client_key" "$dir/known_hosts" >>"$dir/inventory.ini"
}

run_cli() {
    local dir=$work/n$1
    "$cli" exec --identity "$work/client_key" --known-hosts "$dir/known_hosts" \
        --database "$dir/audit.sqlite" --secret-stdin audit-seal-key \
        --concurrency "$PARALLEL" --json "${cli_hosts[@]}" -- uptime \
        <<<"$seal_key" >"$dir/cli.out" 2>"$dir/cli.err"
}
run_pssh() {
    local dir=$work/n$1
    "$pssh_bin" -h "$dir/pssh_hosts" -p "$PARALLEL" -t 120 -x "$ssh_opts" uptime \
        >"$dir/pssh.out" 2>"$dir/pssh.err"
}
run_ansible() {
    local dir=$work/n$1
    ansible all -i "$dir/inventory.ini" -m command -a uptime -f "$PARALLEL" \
        >"$dir/ansible.out" 2>"$dir/ansible.err"
}

# Prints "min median max" of the numbers on stdin.

tools=(cli)
[[ $SKIP_PEERS == 1 ]] || tools+=(pssh ansible)
results=()
for n in $NS; do
    prepare "$n"
    # Untimed warm-up; it also checks that every tool reaches every host.
    for tool in "${tools[@]}"; do
        if ! "run_$tool" "$n"; then
            echo "fanout: warm-up of $tool on $n hosts failed; see $work/n$n/$tool.err" >&2
            KEEP=1
            exit 1
        fi
    done
    ok=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(h["outcome"]=="ok" for h in d["hosts"]))' "$work/n$n/cli.out")
    if [[ $ok != "$n" ]]; then
        echo "fanout: pilothouse-cli reached $ok of $n hosts" >&2
        KEEP=1
        exit 1
    fi
    for ((r = 0; r < RUNS; r++)); do
        for tool in "${tools[@]}"; do
            start=$(now_ns)
            "run_$tool" "$n" || { echo "fanout: $tool failed in run $r" >&2; KEEP=1; exit 1; }
            end=$(now_ns)
            echo "$(((end - start) / 1000000))" >>"$work/n$n/$tool.ms"
        done
    done
    for tool in "${tools[@]}"; do
        read -r mn md mx < <(awk '{print $1 / 1000}' "$work/n$n/$tool.ms" | min_median_max %.3f)
        results+=("$n $tool $mn $md $mx")
    done
done

echo
printf 'Fan-out of uptime, %s runs each, %s hosts at once; load %s\n' "$RUNS" "$PARALLEL" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-8s %8s %8s %8s\n' N tool min median max
for line in "${results[@]}"; do
    # shellcheck disable=SC2086
    printf '%-5s %-8s %8s %8s %8s\n' $line
done
if [[ $SKIP_PEERS != 1 ]]; then
    echo
    for n in $NS; do
        med() { printf '%s\n' "${results[@]}" | awk -v n="$n" -v t="$1" '$1 == n && $2 == t {print $4}'; }
        c=$(med cli) p=$(med pssh) a=$(med ansible)
        python3 - "$n" "$c" "$p" "$a" <<'PY'
import sys
n, c, p, a = sys.argv[1], *map(float, sys.argv[2:])
rp, ra = c / p, c / a
line = f"N={n}: cli/pssh {rp:.2f}x, cli/ansible {ra:.2f}x"
if n == "50":
    line += f"  (targets <= 0.6x: {'met' if rp <= 0.6 else 'MISSED'}, <= 0.15x: {'met' if ra <= 0.15 else 'MISSED'})"
print(line)
PY
    done
fi

# 20 sequential commands on one host: one reused Pilothouse session (bench_sshreuse, a
# harness over ph::SshSession) against 20 fresh `ssh` processes. Target: <= 0.1x.
SSHREUSE=${SSHREUSE:-$BUILD_DIR/tests/bench/fanout/bench_sshreuse}
if [[ -x $SSHREUSE ]]; then
    dir=$work/n$(echo "$NS" | cut -d' ' -f1)
    port=${ports[0]}
    ssh_one="ssh -p $port -o UserKnownHostsFile=$dir/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes -i $work/client_key $user@127.0.0.1"
    : >"$work/reuse.ms"
    : >"$work/fresh.ms"
    for ((r = 0; r < RUNS; r++)); do
        "$SSHREUSE" 127.0.0.1 "$port" "$user" "$work/client_key" "$dir/known_hosts" 20 true >>"$work/reuse.ms"
        start=$(now_ns)
        for ((k = 0; k < 20; k++)); do $ssh_one true; done
        end=$(now_ns)
        echo "$(((end - start) / 1000000))" >>"$work/fresh.ms"
    done
    read -r rmn rmd rmx < <(awk '{print $1 / 1000}' "$work/reuse.ms" | min_median_max %.3f)
    read -r fmn fmd fmx < <(awk '{print $1 / 1000}' "$work/fresh.ms" | min_median_max %.3f)
    echo
    printf '20 sequential `true` on one host, %s runs each\n' "$RUNS"
    printf '%-16s %8s %8s %8s\n' tool min median max
    printf '%-16s %8s %8s %8s\n' "one session" "$rmn" "$rmd" "$rmx" "fresh ssh" "$fmn" "$fmd" "$fmx"
    python3 - "$rmd" "$fmd" <<'PY'
import sys
r = float(sys.argv[1]) / float(sys.argv[2])
print("one session / fresh ssh: %.3fx (target <= 0.1x: %s)" % (r, "met" if r <= 0.1 else "MISSED"))
PY
else
    echo "fanout: $SSHREUSE not built; skipping the sequential-commands comparison" >&2
fi
