#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Probe-sweep benchmark: one `pilothouse-cli probe` sweep over 10,000 endpoints against
# `curl --parallel` fetching the same URLs, both timed in the same run, interleaved so
# that both see the same machine load.
#
# Usage: tests/bench/probesweep/run.sh
#
# Environment:
#   BUILD_DIR  Release build tree (default: <repo>/build-release). Configured and the
#              targets pilothouse-cli + pilothouse-sim built (ninja -j1) when missing.
#   RUNS       timed runs of each tool (default 5, at least 5 for the README figures)
#   SERVICES   simulated services, one port each (default 20)
#   ENDPOINTS  endpoints per service (default 500)
#   KEEP=1     keep the work directory (workspace, urls.cfg, timings) for inspection
#   PERF=1     afterwards, one more sweep under `perf stat` and one under `perf record`,
#              and print the hottest symbols (needs perf; perf_event_paranoid <= 2)
#
# Needs: bash, curl (>= 7.66 for --parallel), GNU time at /usr/bin/time. Missing tools
# are reported, not installed.
#
# Prints min/median/max wall and CPU (user+sys) seconds for both, the wall ratio
# cli/curl (medians) and CPU per probe in ms. Targets: wall <= 1.5x curl, CPU per
# probe <= 0.25 ms. The simulator is stopped by PID on exit, whatever happens.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"
BUILD_DIR=${BUILD_DIR:-$repo/build-release}
RUNS=${RUNS:-5}
SERVICES=${SERVICES:-20}
ENDPOINTS=${ENDPOINTS:-500}
total=$((SERVICES * ENDPOINTS))

missing=()
command -v curl >/dev/null || missing+=(curl)
[[ -x /usr/bin/time ]] || missing+=("GNU time (/usr/bin/time)")
command -v cmake >/dev/null || missing+=(cmake)
command -v ninja >/dev/null || missing+=(ninja)
if ((${#missing[@]})); then
    echo "probesweep: missing ${missing[*]}; install them (Debian: apt-get install curl time cmake ninja-build)" >&2
    exit 2
fi
if ! curl --help all 2>/dev/null | grep -q -- '--parallel-max'; then
    echo "probesweep: this curl has no --parallel (needs curl >= 7.66)" >&2
    exit 2
fi

cli=$BUILD_DIR/app/pilothouse-cli
sim=$BUILD_DIR/app/pilothouse-sim
if [[ ! -x $cli || ! -x $sim ]]; then
    if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
        cmake -S "$repo" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    ninja -C "$BUILD_DIR" -j1 pilothouse-cli pilothouse-sim
fi
if ! grep -Eq 'CMAKE_BUILD_TYPE:STRING=(Release|RelWithDebInfo)' "$BUILD_DIR/CMakeCache.txt"; then
    echo "probesweep: warning: $BUILD_DIR is not a Release build; figures will be slow" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ph-probesweep.XXXXXX")
sim_pid=
cleanup() {
    if [[ -n $sim_pid ]] && kill -0 "$sim_pid" 2>/dev/null; then
        kill -TERM "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "probesweep: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --exit-with-parent as a second line of defence should this shell be killed hard.
"$sim" --services "$SERVICES" --endpoints-per-service "$ENDPOINTS" --no-jitter --seed 1 \
    --exit-with-parent >"$work/ports.json" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 100); do
    [[ -s $work/ports.json ]] && break
    kill -0 "$sim_pid" 2>/dev/null || { echo "probesweep: simulator exited:" >&2; cat "$work/sim.log" >&2; exit 1; }
    sleep 0.1
done
[[ -s $work/ports.json ]] || { echo "probesweep: simulator printed no port map in 10 s" >&2; exit 1; }

# The port map is one compact JSON object: {"_control":N,...,"synthetic-0":P,...}.
declare -a ports
for ((s = 0; s < SERVICES; ++s)); do
    p=$(grep -o "\"synthetic-$s\":[0-9]*" "$work/ports.json" | cut -d: -f2)
    [[ -n $p ]] || { echo "probesweep: no port for synthetic-$s in $(cat "$work/ports.json")" >&2; exit 1; }
    ports[s]=$p
done

ws=$work/bench.workspace.jsonc
urls=$work/urls.cfg
{
    echo '{ "schema_version": 2, "name": "probe-sweep bench",'
    echo '  "environments": [ { "name": "bench", "production": false } ],'
    echo '  "services": ['
    for ((s = 0; s < SERVICES; ++s)); do
        ((s > 0)) && echo ','
        printf '{ "name": "synthetic-%d", "environment": "bench", "profile": "generic",\n' "$s"
        printf '  "base_url": "http://127.0.0.1:%d", "endpoints": [' "${ports[s]}"
        for ((e = 0; e < ENDPOINTS; ++e)); do
            ((e > 0)) && printf ','
            printf '{"name":"ep%d","path":"/ep/%d","health_body":false}' "$e" "$e"
        done
        printf ']}'
    done
    echo ' ] }'
} >"$ws"
: >"$urls"
for ((s = 0; s < SERVICES; ++s)); do
    for ((e = 0; e < ENDPOINTS; ++e)); do
        printf 'url = "http://127.0.0.1:%d/ep/%d"\noutput = "/dev/null"\n' "${ports[s]}" "$e"
    done
done >"$urls"

# Untimed warm-up that also checks both tools really fetch every endpoint.
set +e
"$cli" probe --workspace "$ws" --json >"$work/warmup.json" 2>"$work/warmup.err"
rc=$?
set -e
passed=$(grep -c '"verdict": "pass"' "$work/warmup.json" || true)
if ((rc != 0 || passed != total)); then
    echo "probesweep: warm-up sweep: exit $rc, $passed of $total passed" >&2
    head -20 "$work/warmup.err" >&2
    grep -m5 -B3 -A3 '"error": "' "$work/warmup.json" >&2 || true
    exit 1
fi
curl --parallel --parallel-max 64 -s -S --no-progress-meter -o /dev/null -w '%{http_code}\n' -K "$urls" >"$work/codes" || true
ok=$(grep -c '^200$' "$work/codes" || true)
if ((ok != total)); then
    echo "probesweep: warm-up curl: $ok of $total answered 200" >&2
    exit 1
fi

timed() { # timed NAME COMMAND...: appends "wall cpu" (seconds) to $work/NAME
    local name=$1 rc=0
    shift
    /usr/bin/time -f '%e %U %S' -o "$work/time.$name" "$@" >/dev/null 2>"$work/err.$name" || rc=$?
    ((rc == 0)) || echo "probesweep: warning: $name exited $rc (see $work/err.$name)" >&2
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time.$name" >>"$work/$name"
}
: >"$work/cli"
: >"$work/curl"
for ((r = 1; r <= RUNS; ++r)); do
    timed cli "$cli" probe --workspace "$ws" --json
    timed curl curl --parallel --parallel-max 64 -s --no-progress-meter -o /dev/null -K "$urls"
    printf 'run %d: cli %s   curl %s\n' "$r" "$(tail -1 "$work/cli")" "$(tail -1 "$work/curl")"
done

read -r cw_min cw_med cw_max <<<"$(stats "$work/cli" 1 %.3f)"
read -r cc_min cc_med cc_max <<<"$(stats "$work/cli" 2 %.3f)"
read -r uw_min uw_med uw_max <<<"$(stats "$work/curl" 1 %.3f)"
read -r uc_min uc_med uc_max <<<"$(stats "$work/curl" 2 %.3f)"

echo
echo "probe sweep: $SERVICES services x $ENDPOINTS endpoints = $total probes, $RUNS runs, $(date -u +%FT%TZ)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-28s %8s %8s %8s\n' "" min median max
printf '%-28s %8s %8s %8s\n' "pilothouse-cli wall (s)" "$cw_min" "$cw_med" "$cw_max"
printf '%-28s %8s %8s %8s\n' "pilothouse-cli CPU (s)" "$cc_min" "$cc_med" "$cc_max"
printf '%-28s %8s %8s %8s\n' "curl --parallel wall (s)" "$uw_min" "$uw_med" "$uw_max"
printf '%-28s %8s %8s %8s\n' "curl --parallel CPU (s)" "$uc_min" "$uc_med" "$uc_max"
awk -v cw="$cw_med" -v uw="$uw_med" -v cc="$cc_med" -v uc="$uc_med" -v n="$total" 'BEGIN {
    ratio = cw / uw; per = cc * 1000 / n
    printf "wall ratio cli/curl (medians): %.2f   (target <= 1.5: %s)\n", ratio, ratio <= 1.5 ? "met" : "MISSED"
    printf "CPU per probe, cli: %.4f ms   (target <= 0.25 ms: %s)\n", per, per <= 0.25 ? "met" : "MISSED"
    printf "CPU per probe, curl: %.4f ms\n", uc * 1000 / n }'

if [[ ${PERF:-0} == 1 ]]; then
    if ! command -v perf >/dev/null; then
        echo "probesweep: PERF=1 needs perf (Debian: apt-get install linux-perf)" >&2
        exit 2
    fi
    echo
    perf stat -e task-clock,context-switches,cpu-migrations,page-faults \
        "$cli" probe --workspace "$ws" --json 2>&1 >/dev/null | grep -E 'task-clock|context|migrations|faults|elapsed|user|sys'
    perf record -q -F 999 -g -o "$work/perf.data" "$cli" probe --workspace "$ws" --json >/dev/null 2>&1
    echo "hottest symbols of one sweep (self time):"
    perf report -i "$work/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null |
        grep -E '^ +[0-9.]+%' | sed -E 's/[ -]+$//' | head -25
    echo "by library (self time):"
    perf report -i "$work/perf.data" --no-children --sort dso --stdio 2>/dev/null |
        grep -E '^ +[0-9.]+%' | sed -E 's/[ -]+$//' | head -12
fi
