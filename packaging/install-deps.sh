#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Pilothouse needs on Debian 12. `--test` adds the servers and tools the
# test suite starts privately. Servers installed here are disabled again at once: the
# tests start their own daemons on loopback, and a user's machine keeps nothing listening.
set -euo pipefail

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

build_pkgs=(build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev
  qtkeychain-qt6-dev libsecret-1-0 libssh-dev nlohmann-json3-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libexpected-dev
  gnome-keyring dbus dbus-user-session fonts-dejavu-core)
test_pkgs=(openssh-server openssh-client libsecret-tools xvfb xauth poppler-utils curl time
  prometheus)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
want=("${build_pkgs[@]}")
[ "$with_tests" = 1 ] && want+=("${test_pkgs[@]}")
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  # Keep package post-install scripts from starting sshd on the user's machine.
  policy=/usr/sbin/policy-rc.d
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    added_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
  if [ "$added_policy" = 1 ]; then $SUDO rm -f "$policy"; fi
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now ssh.service 2>/dev/null || true
  fi
  # Debian enables prometheus.service (port 9090) at install; the tests start their own.
  # `disable` also works while systemd is not running (containers), `--now` needs it.
  if command -v systemctl >/dev/null 2>&1; then
    $SUDO systemctl disable --now prometheus.service 2>/dev/null ||
      $SUDO systemctl disable prometheus.service 2>/dev/null || true
  fi
fi
