#!/usr/bin/env python3
"""The reference point for `djlint check --select duplicate`: near-duplicate
questions and answers found with datasketch's MinHashLSH, the usual Python
tool for the job.

    pip install datasketch pyyaml
    python3 benches/minhash.py BANK [--procs 2] [--perm 128]

Reads every question file under BANK (PyYAML, C loader when present), then
times only the matching: MinHash signatures of each question's word set
and each answer's word-trigram set, computed in --procs processes, and one
MinHashLSH index per field (thresholds 0.8 and 0.6, djlint's defaults),
queried for every item. Prints the matching time and the pairs found.
Reading the YAML is left out of the time, which favours this side.
"""
import argparse
import os
import re
import sys
import time
from multiprocessing import Pool

import yaml
from datasketch import LeanMinHash, MinHash, MinHashLSH

WORD = re.compile(r"[a-z0-9_]+")
PERM = 128


def words(text):
    return WORD.findall((text or "").lower())


def signature(tokens):
    m = MinHash(num_perm=PERM)
    m.update_batch([t.encode() for t in tokens])
    return LeanMinHash(m)


def features(item):
    question, answer = item
    q = set(words(question))
    a = words(answer)
    grams = {" ".join(a[i:i + 3]) for i in range(max(0, len(a) - 2))}
    return (signature(q) if len(q) >= 2 else None, signature(grams) if len(grams) >= 8 else None)


def load(bank):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    items = []
    for root, _, files in os.walk(bank):
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                try:
                    doc = yaml.load(f, Loader=loader)
                except yaml.YAMLError:
                    continue
            for q in (doc or {}).get("questions") or []:
                if isinstance(q, dict):
                    items.append((str(q.get("question") or ""), str(q.get("answer") or "")))
    return items


def pairs(signatures, threshold):
    lsh = MinHashLSH(threshold=threshold, num_perm=PERM)
    found = 0
    for i, m in enumerate(signatures):
        if m is None:
            continue
        found += len(lsh.query(m))
        lsh.insert(i, m)
    return found


def main():
    global PERM
    p = argparse.ArgumentParser()
    p.add_argument("bank")
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--perm", type=int, default=128)
    args = p.parse_args()
    PERM = args.perm
    items = load(args.bank)
    start = time.perf_counter()
    with Pool(args.procs) as pool:
        feats = pool.map(features, items, chunksize=512)
    questions = pairs([f[0] for f in feats], 0.8)
    answers = pairs([f[1] for f in feats], 0.6)
    took = time.perf_counter() - start
    print(f"items={len(items)} question_pairs={questions} answer_pairs={answers} matching={took:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
