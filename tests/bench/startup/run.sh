#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up benchmark: `pilothouse --demo` on the offscreen platform, from exec() to the
# first paint of the Health table with a check's result in it, over several launches;
# then one long run for the resident set size after 60 s.
#
# Usage: tests/bench/startup/run.sh
#
# Environment:
#   BUILD_DIR    Release build tree (default: <repo>/build-release). Configured and the
#                targets pilothouse + pilothouse-sim built (ninja -j1) when missing.
#   RUNS         timed launches (default 5), after one untimed warm-up launch
#   RSS_SECONDS  length of the RSS run (default 60)
#   KEEP=1       keep the private HOME with the launch logs
#
# The figures come from the app itself (app/pilothouse/main.cpp): with
# PILOTHOUSE_BENCH_STARTUP set it prints "pilothouse-bench: first-rows exec_ms=N main_ms=M"
# to stderr; with PILOTHOUSE_BENCH_EXIT_AFTER_MS=T it quits after T ms and prints
# "pilothouse-bench: rss_kb=K after_ms=T".
#
# Each launch runs in a private HOME/XDG tree, under its own D-Bus session with a
# throwaway unlocked gnome-keyring (the demo stores its dashboard key there), and under
# `timeout` so that a hung keychain prompt cannot stall the benchmark.
# Targets: < 400 ms to first rows, RSS after 60 s < 80 MB.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"
BUILD_DIR=${BUILD_DIR:-$repo/build-release}
RUNS=${RUNS:-5}
RSS_SECONDS=${RSS_SECONDS:-60}
app=$BUILD_DIR/app/pilothouse

missing=()
for tool in dbus-run-session gnome-keyring-daemon timeout cmake ninja; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "startup: missing ${missing[*]}; install them (Debian: apt-get install dbus gnome-keyring coreutils cmake ninja-build)" >&2
    exit 2
fi

if [[ ! -x $app || ! -x $BUILD_DIR/app/pilothouse-sim ]]; then
    if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
        cmake -S "$repo" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    ninja -C "$BUILD_DIR" -j1 pilothouse pilothouse-sim
fi
if ! grep -Eq 'CMAKE_BUILD_TYPE:STRING=(Release|RelWithDebInfo)' "$BUILD_DIR/CMakeCache.txt"; then
    echo "startup: warning: $BUILD_DIR is not a Release build; figures will be slow" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ph-startup.XXXXXX")
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "startup: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/home" "$work/data" "$work/config" "$work/state" "$work/cache" "$work/runtime"
chmod 700 "$work/runtime"

# launch NAME EXIT_AFTER_MS: one demo launch in its own bus session; stderr to $work/NAME.log
launch() {
    local name=$1 after=$2 rc=0
    env HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" \
        XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" \
        XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen \
        PILOTHOUSE_BENCH_STARTUP=1 PILOTHOUSE_BENCH_EXIT_AFTER_MS="$after" \
        timeout --kill-after=5 $((after / 1000 + 60)) \
        dbus-run-session -- sh -c \
        'echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" --demo' \
        "$app" </dev/null >/dev/null 2>"$work/$name.log" || rc=$?
    if ((rc != 0)); then
        echo "startup: $name exited $rc; its log:" >&2
        tail -20 "$work/$name.log" >&2
        return 1
    fi
}
field() { # field LOG KEY -> value of KEY=... in the bench line
    grep -o "pilothouse-bench: .*" "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}

# The warm-up creates the database, keyring and demo files a real second start finds.
launch warmup 3000
: >"$work/startup"
for ((r = 1; r <= RUNS; ++r)); do
    launch "run$r" 3000
    exec_ms=$(field "$work/run$r.log" exec_ms)
    main_ms=$(field "$work/run$r.log" main_ms)
    if [[ -z $exec_ms ]]; then
        echo "startup: run $r painted no result within 3 s; its log:" >&2
        tail -20 "$work/run$r.log" >&2
        exit 1
    fi
    echo "$exec_ms $main_ms" >>"$work/startup"
    echo "run $r: exec->first rows ${exec_ms} ms (main->first rows ${main_ms} ms)"
done

echo "RSS run: ${RSS_SECONDS} s ..."
launch rss $((RSS_SECONDS * 1000))
rss_kb=$(field "$work/rss.log" rss_kb)
[[ -n $rss_kb ]] || { echo "startup: the RSS run printed no figure" >&2; tail -20 "$work/rss.log" >&2; exit 1; }

read -r e_min e_med e_max <<<"$(stats "$work/startup" 1 %d)"
read -r m_min m_med m_max <<<"$(stats "$work/startup" 2 %d)"

echo
echo "start-up: pilothouse --demo, offscreen, $RUNS launches, $(date -u +%FT%TZ)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
printf '%-30s %8s %8s %8s\n' "" min median max
printf '%-30s %8s %8s %8s\n' "exec -> first rows (ms)" "$e_min" "$e_med" "$e_max"
printf '%-30s %8s %8s %8s\n' "main() -> first rows (ms)" "$m_min" "$m_med" "$m_max"
awk -v e="$e_med" -v k="$rss_kb" -v s="$RSS_SECONDS" 'BEGIN {
    printf "start-up median %d ms   (target < 400 ms: %s)\n", e, e < 400 ? "met" : "MISSED"
    printf "RSS after %d s: %.1f MB   (target < 80 MB: %s)\n", s, k / 1024, k / 1024 < 80 ? "met" : "MISSED" }'
