#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""EchoPilot security scanner (the Pilothouse demo host's copy).

Checks the pinned dependencies against a vulnerability list, looks for secrets committed
to the application tree and compares the SBOM with the previous scan. Writes
logs/security_report.json and exits 1 when it finds a critical or high issue or a leak.

The demo host's copy reads only the application tree in its sandbox and fetches nothing.
"""
import datetime as dt
import hashlib
import json
import pathlib
import re
import sys

APP_ROOT = pathlib.Path(__file__).resolve().parents[1]
REPORT = APP_ROOT / "logs" / "security_report.json"
# The installed packages of the app's virtualenv (what "pip freeze" would print there).
INSTALLED = {
    "certifi": "2024.2.2", "flask": "3.0.2", "gunicorn": "21.2.0",
    "psycopg2-binary": "2.9.9", "pyjwt": "2.8.0", "requests": "2.31.0",
    "sqlalchemy": "2.0.28", "urllib3": "2.2.1",
}
# Advisories a scanner would report for those versions (package, fixed in, id, severity).
ADVISORIES = [
    ("requests", "2.32.0", "CVE-2024-35195", "medium",
     "Session keeps verify=False for later requests to the same host"),
    ("certifi", "2024.7.4", "CVE-2024-39689", "low",
     "GLOBALTRUST root certificates removed"),
    ("gunicorn", "22.0.0", "CVE-2024-1135", "medium",
     "HTTP request smuggling through conflicting Transfer-Encoding headers"),
]
SECRET_PATTERNS = [
    ("AWS access key", re.compile(r"AKIA[0-9A-Z]{16}")),
    ("private key", re.compile(r"-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----")),
    ("Slack token", re.compile(r"xox[abpr]-[0-9A-Za-z-]{10,}")),
    ("generic API key", re.compile(r"(?i)(api[_-]?key|secret)\s*=\s*['\"][0-9A-Za-z]{24,}['\"]")),
]
SCANNED_SUFFIXES = {".py", ".md", ".json", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".env"}


def version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text))


def scan_dependencies():
    findings = []
    for package, fixed, ident, severity, title in ADVISORIES:
        have = INSTALLED.get(package)
        if have and version_tuple(have) < version_tuple(fixed):
            findings.append({"package": package, "installed": have, "fixed_in": fixed,
                             "id": ident, "severity": severity, "title": title})
    return findings


def scan_secrets():
    leaks = []
    files = 0
    for path in sorted(APP_ROOT.rglob("*")):
        if not path.is_file() or path.is_symlink() or path.suffix not in SCANNED_SUFFIXES:
            continue
        if "backups" in path.relative_to(APP_ROOT).parts:
            continue
        files += 1
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            for kind, pattern in SECRET_PATTERNS:
                if pattern.search(line):
                    leaks.append({"file": str(path.relative_to(APP_ROOT)), "line": number,
                                  "kind": kind})
    return leaks, files


def sbom_digest():
    text = "\n".join(f"{name}=={version}" for name, version in sorted(INSTALLED.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def main():
    now = dt.datetime.now(dt.timezone.utc)
    print(f"EchoPilot security scan - {now:%Y-%m-%d %H:%M} UTC")
    print(f"Application root: {APP_ROOT}")
    print()
    vulnerabilities = scan_dependencies()
    print(f"Dependencies: {len(INSTALLED)} packages checked, "
          f"{len(vulnerabilities)} known vulnerabilities")
    for v in vulnerabilities:
        print(f"  {v['severity'].upper():<8} {v['id']:<16} {v['package']} {v['installed']} "
              f"(fixed in {v['fixed_in']}): {v['title']}")
    leaks, files = scan_secrets()
    print(f"Secrets: {files} files scanned, {len(leaks)} possible leaks")
    for leak in leaks:
        print(f"  LEAK     {leak['file']}:{leak['line']} looks like a {leak['kind']}")

    previous = {}
    if REPORT.exists():
        try:
            previous = json.loads(REPORT.read_text())
        except ValueError:
            previous = {}
    digest = sbom_digest()
    changed = previous.get("sbom_sha256") not in (None, digest)
    print(f"SBOM: {len(INSTALLED)} components, "
          f"{'changed since the last scan' if changed else 'unchanged since the last scan'}")

    blocking = [v for v in vulnerabilities if v["severity"] in ("critical", "high")]
    report = {
        "scanned_at": now.isoformat(timespec="seconds"),
        "scanner": "security_scanner.py 2.3",
        "vulnerabilities": len(vulnerabilities),
        "findings": vulnerabilities,
        "secret_leaks": len(leaks),
        "leaks": leaks,
        "sbom_components": len(INSTALLED),
        "sbom_sha256": digest,
        "sbom_changes": 1 if changed else 0,
    }
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2) + "\n")
    print()
    ok = not blocking and not leaks
    print(f"Result: {'OK' if ok else 'ACTION NEEDED'} - {len(blocking)} critical/high, "
          f"{len(leaks)} leaks")
    print("Report written to logs/security_report.json")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
