#!/usr/bin/env bash
# Run djlint on adversarial but legal inputs and print wall time, peak
# memory and exit code for each. Inputs are generated here (never
# committed) into ${PATHO_DIR:-/tmp/djlint-pathological}.
#   benches/pathological.sh
# Needs GNU time (/usr/bin/time). Exit codes: 1 means findings (expected).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/djlint
dir=${PATHO_DIR:-/tmp/djlint-pathological}
mkdir -p "$dir"
cd "$dir"
python3 - <<'PY'
import json
def one_line(name, target):
    qs, n, i = [], 0, 0
    while n < target:
        q = json.dumps({"id": f"q{i}", "question": f"What does setting {i} of the project do?",
                        "answer": f"It sets value {i} of the configuration, read at start-up."})
        qs.append(q); n += len(q) + 2; i += 1
    qs.append(json.dumps({"id": "late", "question": "TODO: what is this?", "answer": "The last one."}))
    open(name, "w").write('{"questions": [' + ", ".join(qs) + "]}\n")
one_line("line-70k.yaml", 70_000)
one_line("line-1m.yaml", 1_000_000)
open("nesting-60k.yaml", "w").write("questions:\n  - id: a\n    question: q\n    answer: \"a Django Project+2\"\nextra:\n" + "- " * 60_000 + "x\n")
def long_answer(name, lines):
    body = "\n".join(f"      Line {i} says Django 4.2 supports Python 3.12, and 5.0 too." for i in range(lines))
    open(name, "w").write("questions:\n  - id: a\n    question: What is it?\n    answer: |\n" + body + "\n")
long_answer("answer-8k-lines.yaml", 8_000)
long_answer("answer-200k-lines.yaml", 200_000)
with open("template-18k.yaml", "w") as f:
    f.write("questions:\n")
    for i in range(18_000):
        f.write(f"  - id: q{i}\n    question: What is the value of setting {i} in the deployment checklist?\n"
                f"    answer: The checklist sets value number {i} for this setting, which the server reads when it starts.\n")
with open("near-20k.yaml", "w") as f:
    f.write("questions:\n")
    for i in range(20_000):
        f.write(f"  - id: q{i}\n    question: Question {i} about a subject of its own, number {i * 7919 % 100003}?\n"
                f"    answer: This answer says the same thing every time in the same words, with the number {i} at its end.\n")
body = " ".join(f"Django[{i % 9 + 1}] runs." for i in range(100_000))
open("footnotes-100k.yaml", "w").write("questions:\n  - id: a\n    question: What is it?\n    answer: \"" + body + "\"\n")
PY
run() {
  local label=$1; shift
  local code=0
  /usr/bin/time -o time.txt -f "%e %M" "$@" > /dev/null 2> stderr.txt || code=$?
  if grep -q -e panicked -e overflow stderr.txt; then code="$code CRASH"; fi
  read -r secs kb < <(tail -1 time.txt)
  printf "%-36s %7s s %6s MiB  exit %s\n" "$label" "$secs" "$((kb / 1024))" "$code"
}
for f in human concise json sarif github junit; do
  run "line-1m.yaml --format $f" "$bin" check line-1m.yaml --format "$f"
done
run "line-70k.yaml (human)" "$bin" check line-70k.yaml
run "nesting-60k.yaml" "$bin" check nesting-60k.yaml
cp nesting-60k.yaml nesting-copy.yaml
run "nesting-60k.yaml --fix" "$bin" check nesting-copy.yaml --fix
run "nesting-60k.yaml --diff" "$bin" check nesting-60k.yaml --diff
run "answer-8k-lines.yaml" "$bin" check answer-8k-lines.yaml
run "answer-200k-lines.yaml (13 MB)" "$bin" check answer-200k-lines.yaml
run "template-18k.yaml" "$bin" check template-18k.yaml
run "near-20k.yaml" "$bin" check near-20k.yaml
run "footnotes-100k.yaml" "$bin" check footnotes-100k.yaml
cp footnotes-100k.yaml footnotes-copy.yaml
run "footnotes-100k.yaml --fix" "$bin" check footnotes-copy.yaml --fix
