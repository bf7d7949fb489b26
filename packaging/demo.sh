#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what the console needs, builds it, and starts it on the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build build-release -j2 --target pilothouse pilothouse-sim pilothouse-cli
exec build-release/app/pilothouse --demo "$@"
