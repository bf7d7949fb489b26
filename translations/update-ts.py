#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Refresh translations/pilothouse_*.ts from the sources (app/, ui/, src/).

Run by hand, never by the build: it rewrites the .ts files in the source tree.

lupdate cannot see the context of a few translation helpers (a file-local tr() that
calls QCoreApplication::translate("X", ...), or `using Tr = Class;`), so it records them
under the enclosing namespace (and warns). Those are moved to the context the code asks
for at run time; without that the German strings would never be found.

Existing translations are kept by (context, source, comment). A new message whose source
text is already translated in another context gets that translation as a suggestion,
still marked unfinished so a translator looks at it.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUPDATE = os.environ.get("LUPDATE", "/usr/lib/qt6/bin/lupdate")
LANGUAGES = ["de"]

WARNING = re.compile(r"^(.*?):(\d+): Class '([^']*)' lacks Q_OBJECT macro$")
# static QString tr(const char *text) { return QCoreApplication::translate("X", text); }
LOCAL_TR = re.compile(r"\btr\s*\([^)]*\)\s*\{\s*return\s+Q\w*Application::translate\(\s*\"([^\"]+)\"")
# using Tr = X;   (X declares Q_DECLARE_TR_FUNCTIONS(X))
TR_ALIAS = re.compile(r"\busing\s+Tr\s*=\s*([\w:]+)\s*;")


def unresolved_contexts(warnings):
    """Contexts lupdate took from a namespace or a class without tr() of its own.

    lupdate warns about each such context only once, however many files use it.
    """
    contexts = set()
    for line in warnings.splitlines():
        m = WARNING.match(line.strip())
        if m:
            contexts.add(m.group(3))
        elif line.strip():
            print(line, file=sys.stderr)
    return contexts


_file_contexts = {}


def file_context(path):
    """The context a file's own tr() helper passes at run time, or None."""
    if path not in _file_contexts:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        found = LOCAL_TR.search(text) or TR_ALIAS.search(text)
        _file_contexts[path] = found.group(1) if found else None
    return _file_contexts[path]


def key(message):
    comment = message.findtext("comment") or ""
    return (message.findtext("source") or "", comment, message.get("numerus") == "yes")


def main():
    for lang in LANGUAGES:
        ts_path = os.path.join(ROOT, "translations", f"pilothouse_{lang}.ts")
        with tempfile.TemporaryDirectory() as tmp:
            fresh = os.path.join(tmp, f"pilothouse_{lang}.ts")
            run = subprocess.run([LUPDATE, "-silent", "-no-obsolete", "-locations", "absolute",
                                  "-I", ROOT, "-I", os.path.join(ROOT, "src"),
                                  "-source-language", "en", "-target-language", lang,
                                  "app", "ui", "src", "-ts", fresh],
                                 cwd=ROOT, check=True, capture_output=True, text=True)
            unresolved = unresolved_contexts(run.stderr)
            tree = ET.parse(fresh)

        old_exact, old_any = {}, {}
        if os.path.exists(ts_path):
            for ctx in ET.parse(ts_path).getroot().iter("context"):
                name = ctx.findtext("name") or ""
                for m in ctx.iter("message"):
                    tr = m.find("translation")
                    if tr is None or tr.get("type") in ("vanished", "obsolete"):
                        continue
                    old_exact[(name,) + key(m)] = tr
                    if tr.get("type") != "unfinished":
                        old_any.setdefault(key(m), tr)

        root = tree.getroot()
        grouped = {}
        for ctx in list(root.findall("context")):
            name = ctx.findtext("name") or ""
            for m in ctx.findall("message"):
                target = name
                for loc in m.findall("location"):
                    path = os.path.realpath(os.path.join(os.path.dirname(fresh),
                                                         loc.get("filename")))
                    if name in unresolved:
                        fixed = file_context(path)
                        if fixed:
                            target = fixed
                        else:
                            print(f"warning: {path}: cannot tell the run-time context of "
                                  f"tr() in '{name}'", file=sys.stderr)
                    m.remove(loc)  # line numbers churn with every edit; keep diffs small
                grouped.setdefault(target, []).append(m)
            root.remove(ctx)
        for name in sorted(grouped):
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = name
            ctx.extend(grouped[name])
        ET.indent(tree, space="    ")

        done = unfinished = 0
        for ctx in root.iter("context"):
            name = ctx.findtext("name") or ""
            for m in ctx.iter("message"):
                new_tr = m.find("translation")
                old = old_exact.get((name,) + key(m))
                suggestion = old is None and key(m) in old_any
                if old is None:
                    old = old_any.get(key(m))
                if old is not None:
                    m.remove(new_tr)
                    copy = ET.fromstring(ET.tostring(old))
                    copy.tail = new_tr.tail
                    if suggestion:
                        copy.set("type", "unfinished")
                    m.append(copy)
                    new_tr = copy
                if new_tr.get("type") == "unfinished":
                    unfinished += 1
                else:
                    done += 1

        with open(ts_path, "wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
            out.write(b"\n")
        print(f"{os.path.relpath(ts_path, ROOT)}: {done} translated, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
