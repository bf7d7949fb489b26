#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""EchoPilot disaster-recovery check (the Pilothouse demo host's copy).

Without arguments: verifies the newest archive in backups/ - readable, complete, recent -
by extracting it into a scratch folder and comparing it with the application tree.
With --restore ARCHIVE: extracts ARCHIVE over the application root (destructive).

The demo host's copy acts only inside its sandbox: any path outside it is refused.
"""
import argparse
import datetime as dt
import hashlib
import pathlib
import sys
import tarfile
import tempfile
import time

APP_ROOT = pathlib.Path(__file__).resolve().parents[1]
SANDBOX = APP_ROOT.parents[1]
REQUIRED = ["logs/", "bot/", "run.py"]
RPO_HOURS = 24
GRACE_HOURS = 2


def inside_sandbox(path):
    try:
        path.resolve().relative_to(SANDBOX)
        return True
    except ValueError:
        return False


def refuse(path):
    print(f"dr_restore_check.py: refused: {path} is outside the demo host's sandbox ({SANDBOX}).",
          file=sys.stderr)
    return 126


def safe_members(archive, target):
    for member in archive.getmembers():
        destination = (target / member.name).resolve()
        if member.issym() or member.islnk() or not (destination == target or
                                                    target in destination.parents):
            raise ValueError(f"unsafe entry {member.name!r} in the archive")
        yield member


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(backups):
    archives = sorted((p for p in backups.glob("*.tar.gz") if not p.is_symlink()),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    now = dt.datetime.now(dt.timezone.utc)
    print(f"EchoPilot DR restore check - {now:%Y-%m-%d %H:%M} UTC")
    if not archives:
        print(f"FAIL  no archives in {backups}")
        return 1
    newest = archives[0]
    age_h = (time.time() - newest.stat().st_mtime) / 3600
    size_kib = newest.stat().st_size / 1024
    print(f"Archives found:   {len(archives)} (newest {newest.name})")
    print(f"Newest archive:   {size_kib:.1f} KiB, {age_h:.1f} h old, sha256 {sha256(newest)[:16]}...")
    failures = []
    if age_h > RPO_HOURS + GRACE_HOURS:
        failures.append(f"newest archive is {age_h:.1f} h old (RPO {RPO_HOURS} h)")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=".dr-check-", dir=APP_ROOT) as scratch:
        target = pathlib.Path(scratch).resolve()
        try:
            with tarfile.open(newest, "r:gz") as archive:
                names = archive.getnames()
                archive.extractall(target, members=safe_members(archive, target))
        except (tarfile.TarError, OSError, ValueError) as error:
            print(f"FAIL  cannot extract {newest.name}: {error}")
            return 1
        files = sum(1 for p in target.rglob("*") if p.is_file())
        elapsed = time.monotonic() - started
        print(f"Test restore:     {files} files extracted in {elapsed:.2f} s")
        for entry in REQUIRED:
            present = any(n == entry.rstrip("/") or n.startswith(entry) for n in names)
            print(f"  {'PASS' if present else 'FAIL'}  {entry}")
            if not present:
                failures.append(f"{entry} missing from the archive")
        same = (target / "run.py").is_file() and (APP_ROOT / "run.py").is_file() and \
            sha256(target / "run.py") == sha256(APP_ROOT / "run.py")
        print(f"  {'PASS' if same else 'WARN'}  run.py matches the deployed copy")
    print(f"Estimated RTO:    {max(1, round(size_kib / 1024 * 0.4 + 12))} min (target < 120 min)")
    if failures:
        for failure in failures:
            print(f"FAIL  {failure}")
        print("Result: FAILED")
        return 1
    print("Result: OK - the newest backup restores cleanly")
    return 0


def restore(path):
    source = (pathlib.Path.cwd() / path).resolve()
    if not inside_sandbox(source):
        return refuse(path)
    if not source.is_file():
        print(f"dr_restore_check.py: {path}: no such archive", file=sys.stderr)
        return 1
    target = APP_ROOT.resolve()
    print(f"Restoring {path} over {target}")
    try:
        with tarfile.open(source, "r:gz") as archive:
            members = list(safe_members(archive, target))
            archive.extractall(target, members=members)
    except (tarfile.TarError, OSError, ValueError) as error:
        print(f"FAIL  cannot restore {path}: {error}")
        return 1
    files = sum(1 for m in members if m.isfile())
    print(f"Restored {files} files. Restart the workflows from the supervisor, then check health.")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restore", metavar="ARCHIVE", help="extract ARCHIVE over the app root")
    parser.add_argument("--backups", default="backups", help="folder of the archives")
    args = parser.parse_args()
    if args.restore:
        return restore(args.restore)
    backups = (pathlib.Path.cwd() / args.backups).resolve()
    if not inside_sandbox(backups):
        return refuse(args.backups)
    return verify(backups)


if __name__ == "__main__":
    sys.exit(main())
