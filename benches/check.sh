#!/usr/bin/env bash
# Time `djlint check` on a generated bank: median wall time, throughput and
# peak memory. Usage: benches/check.sh [QUESTIONS] [EXTRA djlint ARGS...]
#   benches/check.sh 100000
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
questions=${1:-100000}
shift || true
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo build --release --quiet --example gen-bank
bank=${BENCH_DIR:-/tmp/djlint-bench}/bank-$questions
if [ ! -d "$bank" ]; then
  ./target/release/examples/gen-bank --questions "$questions" --seed 1 --out "$bank"
fi
bytes=$(cat "$bank"/*.yaml | wc -c)
json=$(mktemp)
hyperfine -N --warmup 1 --runs "${RUNS:-10}" -i --export-json "$json" \
  "./target/release/djlint check $bank --format concise $*" >&2
median=$(python3 -c "import json,sys; print(json.load(open('$json'))['results'][0]['median'])")
rss=$( { /usr/bin/time -f "%M" ./target/release/djlint check "$bank" --format concise "$@" > /dev/null || true; } 2>&1 | tail -1)
python3 - "$questions" "$bytes" "$median" "$rss" <<'PY'
import sys
q, b, med, rss = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"questions={q} bytes={b} median={med*1000:.0f} ms throughput={b/med/1e6:.1f} MB/s peak_rss={rss/1024:.0f} MiB")
PY
rm -f "$json"
