#!/usr/bin/env bash
# Fuzz the whole check (every output format, --fix and its read-back check)
# for SECONDS seconds (default 60). Needs the nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`). The corpus starts from
# fuzz/seeds and every YAML fixture, and grows in fuzz/corpus/check
# (not committed); a crash is saved in fuzz/artifacts/check.
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/check
mkdir -p "$corpus"
cp fuzz/seeds/*.yaml "$corpus"/
find fixtures \( -name '*.yaml' -o -name '*.md' -o -name '*.txt' \) -size -64k | while read -r f; do cp "$f" "$corpus/fixture-$(echo "$f" | tr '/' '_')"; done
cd fuzz
cargo +nightly fuzz run check corpus/check -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
