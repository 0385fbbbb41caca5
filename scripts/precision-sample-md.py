#!/usr/bin/env python3
"""Sample djlint findings on Markdown banks for judging (docs/PRECISION.md):
each finding with the lines around it, the flagged text between >>> and <<<.

    python3 scripts/precision-sample-md.py OUT_DIR BANK_DIR...

Up to 25 findings per rule, seed 13, as of 2026-12-01; counts.tsv lists
the totals. The output quotes the banks: keep it out of the repository."""
import json, os, random, subprocess, sys, collections
DJLINT = os.path.abspath(os.environ.get('DJLINT', 'target/release/djlint'))
out = sys.argv[1]; banks = sys.argv[2:]
os.makedirs(out, exist_ok=True)
by_rule = collections.defaultdict(list)
for bank in banks:
    r = subprocess.run([DJLINT, 'check', '--format', 'json', '--exit-zero', '--as-of', '2026-12-01', '.'], cwd=bank, capture_output=True, text=True)
    for d in json.loads(r.stdout)['diagnostics']:
        d['bank'] = bank; by_rule[d['rule']].append(d)
counts = []
for rule, ds in sorted(by_rule.items()):
    random.seed(13)
    sample = random.sample(ds, min(25, len(ds)))
    counts.append((rule, len(ds), len(sample)))
    with open(os.path.join(out, rule.replace('/', '__') + '.md'), 'w') as f:
        f.write(f'# {rule}: {len(ds)} findings, {len(sample)} sampled (seed 13)\n\n')
        for i, d in enumerate(sample, 1):
            path = os.path.join(d['bank'], d['file'])
            raw = open(path, 'rb').read()
            a, b = d['span']['start'], d['span']['end']
            line_start = raw.rfind(b'\n', 0, a) + 1
            before = raw[:line_start].split(b'\n')[-13:]
            after_end = raw.find(b'\n', b)
            after = raw[after_end:].split(b'\n')[:8] if after_end >= 0 else []
            ctx = b'\n'.join(before) + raw[line_start:a] + b'>>>' + raw[a:b] + b'<<<' + raw[b:after_end if after_end >= 0 else len(raw)] + b'\n'.join(after)
            f.write(f'## {i}. {path} (question `{d.get("question_id")}`)\n\nmessage: {d["message"]}\n')
            if d.get('help'): f.write(f'help: {d["help"]}\n')
            for r in d.get('related', []):
                f.write(f'related: {r.get("file")} {r.get("message")} (question `{r.get("question_id")}`)\n')
            f.write('\n```text\n' + ctx.decode('utf-8', 'replace') + '\n```\n\n')
with open(os.path.join(out, 'counts.tsv'), 'w') as f:
    for c in counts: f.write('%s\t%d\t%d\n' % c)
for c in counts: print(*c, sep='\t')
