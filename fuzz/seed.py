#!/usr/bin/env python3
"""Builds the fuzzers' seed corpora (fuzz/corpus/<target>/, not committed)
from the repository's own test data: the recorded transcripts, the example
profile file, and the string literals of the sanitizer's and other crates'
tests (texts, rules files, selectors). Run from fuzz/: python3 seed.py"""
import hashlib, json, os, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path(__file__).resolve().parent / "corpus"
LIT = re.compile(r'r(#*)"(.*?)"\1|"((?:[^"\\\n]|\\.)*)"', re.S)

def literals(paths):
    for path in paths:
        text = path.read_text(errors="replace")
        for m in LIT.finditer(text):
            if m.group(2) is not None:
                yield m.group(2)
            else:
                raw = m.group(3)
                try:
                    yield json.loads('"' + raw.replace("\\'", "'").replace("\\0", "\\u0000") + '"')
                except Exception:
                    yield raw

def save(target, data):
    if isinstance(data, str):
        data = data.encode()
    if not data or len(data) > 64 * 1024:
        return
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

rs = lambda *dirs: [p for d in dirs for p in (ROOT / d).rglob("*.rs")]
transcripts = [p.read_text() for p in ROOT.rglob("*.jsonl") if "target" not in p.parts and "fuzz" not in p.parts]
header = '{"reprise":1,"kind":"header","component":"c","meta":{}}\n'

# Transcripts: whole, and the header with a few lines at a time.
for text in transcripts:
    lines = text.splitlines(keepends=True)
    for t in ("transcript_reader", "scrub_transcript", "entropy_transcript", "view_timeline", "replay_outline"):
        save(t, text)
        for i in range(1, len(lines), 7):
            save(t, lines[0] + "".join(lines[i:i + 7]))
    save("view_timeline", "node -> node\n" + text)

texts = set(literals(rs("sanitizer/tests", "sanitizer/src")))
for i, s in enumerate(sorted(texts)):
    if len(s) < 3:
        continue
    if "[[rule]]" in s or "defaults =" in s or "[allowlist]" in s:
        save("sanitizer_config", s)
        continue
    if s.startswith("$"):
        save("selectors", s)
    # One byte picks the key and shape (see oracle_document).
    save("scrub_oracle", bytes([i % 256]) + s.encode())
    if i % 3 == 0:
        call = {"kind": "call", "seq": 0, "dir": "in", "port": "api", "method": "m", "args": {"msg": s}, "at_ns": 1}
        save("scrub_transcript", header + json.dumps(call) + "\n" + '{"kind":"end","events":1,"dropped":0}\n')
for s in literals(rs("transcript/src", "transcript/tests", "view/src", "view/tests")):
    if s.startswith("$") or "->" in s:
        save("selectors", s)
for s in literals(rs("expect/src", "expect/tests", "examples")):
    if "[profiles" in s or "[budgets" in s:
        save("expect_profiles", s)
for p in ROOT.rglob("profiles.toml"):
    if "target" not in p.parts:
        save("expect_profiles", p.read_text())
for s in literals(rs("sanitizer/src/config.rs", "cli/src", "cli/tests")):
    if "[[rule]]" in s:
        save("sanitizer_config", s)
for p in (ROOT / "sanitizer").rglob("*.toml"):
    if p.name != "Cargo.toml":
        save("sanitizer_config", p.read_text())
# The doc comment's example file.
doc = (ROOT / "sanitizer/src/config.rs").read_text().split("```toml")[1].split("```")[0]
save("sanitizer_config", "\n".join(l.removeprefix("//! ").removeprefix("//!") for l in doc.splitlines()))
# `reprise check`: a profile file, then a transcript (see expect_profiles).
profiles = [p.read_text() for p in ROOT.rglob("profiles.toml") if "target" not in p.parts]
probes = header + "".join(
    json.dumps({"kind": "probe", "seq": i, "name": n, "fields": f, "at_ns": 1000 * i}) + "\n"
    for i, (n, f) in enumerate([("queue.enqueue", {"id": 1}), ("queue.depth", {"len": 3}),
                                ("queue.done", {"id": 1}), ("queue.depth", {"len": 40})]))
for prof in profiles + [""]:
    for text in transcripts + [probes]:
        save("expect_profiles", prof + "\x1e" + text[:60000 - len(prof)])
for t in sorted(os.listdir(OUT)):
    print(t, len(os.listdir(OUT / t)))
