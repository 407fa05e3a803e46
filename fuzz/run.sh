#!/usr/bin/env bash
# Runs the fuzz targets one after another, one process at a time, each for
# its time budget in seconds: ./run.sh [target=seconds ...]
# Without arguments, every target with the budgets below. Crashes, hangs
# and OOMs are written to artifacts/<target>/ and fuzzing goes on
# (-fork=1 -ignore_crashes=1); the log of each run is logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_INCREMENTAL=0
RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none -O
bin=target/x86_64-unknown-linux-gnu/release
runs=("$@")
if [ ${#runs[@]} -eq 0 ]; then
  runs=(scrub_oracle=900 scrub_transcript=600 transcript_reader=300 sanitizer_config=360
        view_timeline=300 expect_profiles=240 entropy_transcript=240 replay_outline=240 selectors=180)
fi
mkdir -p logs
for run in "${runs[@]}"; do
  target=${run%%=*} seconds=${run#*=}
  mkdir -p "corpus/$target" "artifacts/$target"
  "$bin/$target" "corpus/$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="artifacts/$target/" >"logs/$target.log" 2>&1 || true
  echo "$target: $(grep -E '^#[0-9]+' "logs/$target.log" | tail -1)"
  echo "$target: $(ls "artifacts/$target" | wc -l) artifacts"
done
