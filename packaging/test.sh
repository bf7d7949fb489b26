#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything, builds, and runs the whole test suite against real parts: a private
# Secret Service (gnome-keyring under its own D-Bus session, throwaway keyring), private
# sshd daemons and the simulator started by the tests themselves. Leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh --test

preset=dev
[ -n "${CI:-}" ] && preset=ci
cmake --preset "$preset" >/dev/null
cmake --build build -j2

# sshd refuses to start without its privilege separation directory.
if [ "$(id -u)" -eq 0 ]; then mkdir -p /run/sshd; fi

keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
export PILOTHOUSE_TEST_KEYRING=1
# gnome-keyring --unlock creates and unlocks a throwaway "login" collection and returns when
# it is ready; the daemon ends with the private bus.
dbus-run-session -- sh -c '
  echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  ctest --test-dir build --output-on-failure -j2 --timeout 600
' </dev/null
