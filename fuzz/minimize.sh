#!/usr/bin/env bash
# Minimizes crashes: ./minimize.sh TARGET FILE... -> min/TARGET/<name of FILE>
# (libFuzzer's -minimize_crash, 60 s each, one at a time).
set -euo pipefail
cd "$(dirname "$0")"
target=$1; shift
mkdir -p "min/$target"
for f in "$@"; do
  out="min/$target/$(basename "$f")"
  [ -e "$out" ] && continue
  target/x86_64-unknown-linux-gnu/release/"$target" -minimize_crash=1 -max_total_time=60 \
    -timeout=10 -exact_artifact_path="$out" "$f" >/dev/null 2>&1 || true
  echo "$out: $(wc -c <"$f") -> $(wc -c <"$out" 2>/dev/null || echo '?') bytes"
done
