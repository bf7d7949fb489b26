#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""EchoPilot autoscaler (the Pilothouse demo host's copy).

Reads the load forecast from the operations API and the usage roll-ups in
logs/analytics.ndjson, and recommends gunicorn and scheduler worker counts. It only
recommends: changing the worker count is a deploy, done by a person.
"""
import json
import math
import os
import pathlib
import sys
import urllib.error
import urllib.request

BASE_URL = os.environ.get("ECHOPILOT_BASE_URL", "http://localhost:5000").rstrip("/")
APP_ROOT = pathlib.Path(__file__).resolve().parents[1]
CURRENT_WEB_WORKERS = 4
CURRENT_SCHEDULER_WORKERS = 2
RPS_PER_WORKER = 12.0   # measured in the last load test
HEADROOM = 1.3          # 30 % above the forecast


def forecast():
    try:
        with urllib.request.urlopen(BASE_URL + "/api/predict/load", timeout=5) as reply:
            body = json.loads(reply.read().decode())
        return float(body["predicted_rps"]), int(body.get("horizon_min", 60)), None
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        return None, None, str(error)


def usage():
    path = APP_ROOT / "logs" / "analytics.ndjson"
    rows = []
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue
    return rows


def main():
    print("EchoPilot autoscaler - recommendations (nothing is changed)")
    print()
    rps, horizon, error = forecast()
    if rps is None:
        print(f"Load forecast unavailable ({error}); using the last known peak of 30 rps.")
        rps, horizon = 30.0, 60
    else:
        print(f"Load forecast: {rps:.1f} requests/s over the next {horizon} min")
    rows = usage()
    if rows:
        latest = rows[-1]
        print(f"Usage: DAU {latest.get('dau', '?')}, WAU {latest.get('wau', '?')}, "
              f"MAU {latest.get('mau', '?')}")
        if len(rows) > 1 and rows[0].get("mau"):
            growth = (latest.get("mau", 0) - rows[0]["mau"]) / rows[0]["mau"] * 100
            print(f"MAU growth over the period: {growth:+.1f} %")
    print()
    web = max(2, math.ceil(rps * HEADROOM / RPS_PER_WORKER))
    scheduler = max(1, math.ceil(web / 2))
    print(f"{'Component':<20} {'Now':>5} {'Recommended':>12}")
    print(f"{'gunicorn workers':<20} {CURRENT_WEB_WORKERS:>5} {web:>12}")
    print(f"{'scheduler workers':<20} {CURRENT_SCHEDULER_WORKERS:>5} {scheduler:>12}")
    print()
    if web > CURRENT_WEB_WORKERS:
        print(f"Recommendation: scale gunicorn up to {web} workers before the next peak.")
    elif web < CURRENT_WEB_WORKERS:
        print(f"Recommendation: {CURRENT_WEB_WORKERS - web} gunicorn worker(s) could be "
              "released; keep them if a campaign is planned.")
    else:
        print("Recommendation: the current worker count fits the forecast.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
