#!/usr/bin/env bash
# The speed figures of BENCHMARKS.md ("Speed on real text"): builds the
# corpora (not committed) and times djlint on them with hyperfine.
#
#   benches/speed.sh                 # this build
#   BASE=/path/to/old/djlint benches/speed.sh   # and an older build, same run
#   REAL=/path/to/real-banks benches/speed.sh   # and the calibration banks
#
# Corpora, in $BENCH_DIR (default /tmp/djlint-bench):
#   prose-100000  questions built from the English of the crate docs in the
#                 local cargo registry (examples/gen-bank --prose), real vocabulary
#   bank-100000   gen-bank, the generator's small vocabulary
#   real-100k     the calibration banks of docs/PRECISION.md copied to
#                 100,000 questions with unique ids and perturbed words
#                 (scripts/replicate-bank.py), when REAL is set
# Needs hyperfine and GNU time; RUNS (default 5) runs per command.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/djlint-bench}
runs=${RUNS:-5}
mkdir -p "$dir"
cargo build --release --quiet
cargo build --release --quiet --examples
new=./target/release/djlint
[ -d "$dir/prose-100000" ] || ./target/release/examples/gen-bank --prose --questions 100000 --seed 1 --out "$dir/prose-100000"
[ -d "$dir/bank-100000" ] || ./target/release/examples/gen-bank --questions 100000 --seed 1 --out "$dir/bank-100000"
banks=("$dir/prose-100000" "$dir/bank-100000")
if [ -n "${REAL:-}" ]; then
  [ -d "$dir/real-100k" ] || python3 scripts/replicate-bank.py "$REAL" "$dir/real-100k" --questions 100000
  banks+=("$REAL" "$dir/real-100k")
fi
[ -d "$dir/bank-10" ] || ./target/release/examples/gen-bank --questions 10 --seed 1 --out "$dir/bank-10"
for bank in "${banks[@]}"; do
  echo "== $bank: full check, then one family at a time"
  cmds=("$new check $bank --format json")
  [ -n "${BASE:-}" ] && cmds+=("$BASE check $bank --format json")
  for family in schema duplicate unclear stale noise; do
    cmds+=("$new check $bank --format json --select $family")
  done
  hyperfine -N -i --warmup 1 --runs "$runs" "${cmds[@]}"
  for bin in "$new" ${BASE:-}; do
    /usr/bin/time -f "$bin: peak RSS %M KB" "$bin" check "$bank" --format json > /dev/null || true
  done
  echo "== $bank: pack scan on one core"
  ./target/release/examples/scan-throughput "$bank" "$runs"
done
echo "== start-up: a 10-question check, every rule"
cmds=("$new check $dir/bank-10 --format json" "$new check $dir/bank-10 --format json --select schema")
[ -n "${BASE:-}" ] && cmds+=("$BASE check $dir/bank-10 --format json")
hyperfine -N -i --warmup 5 --runs 50 "${cmds[@]}"
