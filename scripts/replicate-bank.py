#!/usr/bin/env python3
"""Replicate a bank to a benchmark size without making the copies duplicates.

    python3 scripts/replicate-bank.py SRC OUT --questions 100000 [--seed 1]

SRC is a folder of djlint YAML banks (for example the calibration banks
built from ../shared/real-banks, see docs/PRECISION.md). OUT receives
`copy-K/<same layout>` for as many copies as it takes to reach the number
of questions. Copy 0 is the bank as it is; in every later copy each id gets
a `-rK` suffix and about one word in four (at least one) of the question and answer text
(words of four or more letters, outside backticks) is swapped for another
word of the bank's own vocabulary, so a copy reads like the bank but does
not repeat it. Numbers, code spans, URLs and keys are left alone. Needs
PyYAML. Deterministic for a given seed.
"""

import argparse
import pathlib
import random
import re
import sys

import yaml

WORD = re.compile(r"`[^`\n]*`|https?://\S+|\b[A-Za-z]{4,}\b")
RESERVED = {"true", "false", "null", "yes", "no", "on", "off"}


class Block(str):
    """A string written as a YAML literal block."""


def block_representer(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


def str_representer(dumper, data):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


yaml.SafeDumper.add_representer(Block, block_representer)
yaml.SafeDumper.add_representer(str, str_representer)


def perturb(text, rng, vocabulary):
    def swap(m):
        w = m.group(0)
        if w.startswith("`") or w.startswith("http") or rng.random() >= 0.25:
            return w
        new = rng.choice(vocabulary)
        if w[0].isupper():
            new = new[0].upper() + new[1:]
        return new

    out = WORD.sub(swap, text)
    if out == text:
        # Always change at least one word when there is one to change.
        spots = [m for m in WORD.finditer(text) if not m.group(0).startswith(("`", "http"))]
        if spots:
            m = rng.choice(spots)
            out = text[: m.start()] + rng.choice(vocabulary) + text[m.end() :]
    # A plain one-word value must not turn into a YAML keyword.
    return text if out.strip().lower() in RESERVED else out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=pathlib.Path)
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--questions", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    files = sorted(p for p in args.src.rglob("*.yaml"))
    banks = []
    words = set()
    total = 0
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            continue
        banks.append((f.relative_to(args.src), data))
        for q in data["questions"]:
            total += 1
            for field in ("question", "answer"):
                if isinstance(q.get(field), str):
                    words.update(w.lower() for w in re.findall(r"\b[A-Za-z]{4,}\b", q[field]))
    if total == 0:
        sys.exit(f"no questions under {args.src}")
    vocabulary = sorted(words - RESERVED)
    copies = -(-args.questions // total)
    written = 0
    for k in range(copies):
        rng = random.Random(args.seed * 1000 + k)
        for rel, data in banks:
            out_questions = []
            for q in data["questions"]:
                q = dict(q)
                if k > 0:
                    if isinstance(q.get("id"), str):
                        q["id"] = f"{q['id']}-r{k}"
                    for field in ("question", "answer"):
                        if isinstance(q.get(field), str):
                            q[field] = perturb(q[field], rng, vocabulary)
                out_questions.append(q)
            written += len(out_questions)
            target = args.out / f"copy-{k}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            doc = {key: value for key, value in data.items() if key != "questions"}
            doc["questions"] = out_questions
            target.write_text(
                yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100000), encoding="utf-8"
            )
    print(f"wrote {written} questions ({copies} copies of {total}) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
