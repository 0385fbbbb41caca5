#!/usr/bin/env python3
"""Sample djlint findings per rule for judging (docs/PRECISION.md).

Runs `djlint check --format json` on each bank (one run per folder, as each
bank's maintainer would run it), then writes, for every rule that fired, up
to N findings chosen with a fixed seed: the flagged text, the message, the
question and answer it sits in, and each related place.  The output quotes
the banks, so write it outside the repository.

    python3 scripts/precision-sample.py BANK_DIR... [--per-rule 25] [--seed 13]
        [--djlint target/release/djlint] [--as-of 2026-12-01] [--rule ID]...
        [--out DIR]  (one Markdown file per rule, plus counts.tsv)

Extra arguments after `--` go to `djlint check` unchanged.
"""

import argparse
import json
import os
import random
import subprocess
import sys

import yaml


def load_questions(path, cache):
    if path not in cache:
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            qs = {q.get("id"): q for q in (doc or {}).get("questions", []) if isinstance(q, dict)}
        except Exception:  # the finding may be about a file that does not parse
            qs = {}
        cache[path] = qs
    return cache[path]


def clip(text, limit):
    text = "" if text is None else str(text)
    if len(text) <= limit:
        return text
    return text[:limit] + f" …[{len(text) - limit} more chars]"


def flagged(path, span):
    try:
        with open(path, "rb") as f:
            data = f.read()
        return data[span["start"]:span["end"]].decode("utf-8", "replace")
    except Exception:
        return "?"


def show_question(out, cache, file, qid, limit):
    q = load_questions(file, cache).get(qid)
    if q is None:
        out.write(f"  (question {qid} not found)\n")
        return
    out.write(f"  - question: {clip(q.get('question'), limit)!r}\n")
    if "choices" in q:
        out.write(f"  - choices: {clip(q.get('choices'), limit)!r}\n")
    out.write(f"  - answer: {clip(q.get('answer'), limit)!r}\n")
    if q.get("explanation"):
        out.write(f"  - explanation: {clip(q.get('explanation'), limit)!r}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("banks", nargs="+", metavar="BANK_DIR")
    ap.add_argument("--per-rule", type=int, default=25)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--djlint", default="target/release/djlint")
    ap.add_argument("--as-of", default="2026-12-01")
    ap.add_argument("--rule", action="append", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=1200, help="characters shown per field")
    ap.add_argument("--arg", action="append", default=[], help="passed to djlint check")
    args = ap.parse_args()

    diags = []
    for bank in args.banks:
        cmd = [args.djlint, "check", bank, "--format", "json", "--as-of", args.as_of,
               "--fail-on", "never", *args.arg]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"djlint failed on {bank} ({run.returncode}): {run.stderr}")
        diags.extend(json.loads(run.stdout)["diagnostics"])
    root = os.path.commonpath([os.path.abspath(b) for b in args.banks])
    by_rule = {}
    for d in diags:
        by_rule.setdefault(d["rule"], []).append(d)

    os.makedirs(args.out, exist_ok=True)
    cache = {}
    rows = []
    for rule in sorted(by_rule):
        if args.rule and rule not in args.rule and rule.split("/")[0] not in args.rule:
            continue
        found = by_rule[rule]
        rng = random.Random(f"{args.seed}:{rule}")
        sample = found if len(found) <= args.per_rule else rng.sample(found, args.per_rule)
        rows.append((rule, len(found), len(sample)))
        name = rule.replace("/", "__") + ".md"
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as out:
            out.write(f"# {rule}: {len(found)} fired, {len(sample)} sampled (seed {args.seed})\n\n")
            for i, d in enumerate(sample, 1):
                rel = os.path.relpath(d["file"], root)
                out.write(f"## {i}. {rel}:{d['line']} `{d.get('question_id')}`\n\n")
                out.write(f"- message: {d['message']}\n")
                if d.get("help"):
                    out.write(f"- help: {clip(d['help'], args.limit)}\n")
                out.write(f"- flagged: {clip(flagged(d['file'], d['span']), args.limit)!r}\n")
                if d.get("fix"):
                    out.write(f"- fix: {json.dumps(d['fix'])[:600]}\n")
                if d.get("question_id"):
                    show_question(out, cache, d["file"], d["question_id"], args.limit)
                for r in d.get("related", [])[:3]:
                    rrel = os.path.relpath(r["file"], root)
                    out.write(f"- related {rrel}:{r.get('line')} `{r.get('question_id')}`"
                              f" ({r.get('message', '')})\n")
                    if r.get("question_id"):
                        show_question(out, cache, r["file"], r["question_id"], args.limit)
                out.write("\n")
    with open(os.path.join(args.out, "counts.tsv"), "w") as f:
        f.write("rule\tfired\tsampled\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    for r in rows:
        print(f"{r[0]:32} fired {r[1]:6} sampled {r[2]:3}")


if __name__ == "__main__":
    main()
