#!/usr/bin/env python3
"""Write rules/knowledge/endoflife.json: the release data of every product
the knowledge files link to (`endoflife: <id>`), from a checkout of the
endoflife.date repository (github endoflife-date/endoflife.date, MIT
licence, "Copyright 2020 endoflife.date contributors").

Each product is written in the shape of endoflife.date's API v1
(`GET /api/v1/products/{id}`, the `result`), trimmed to what djlint reads,
so that the bundled file and the one `djlint knowledge update` fetches are
the same format.

    python3 scripts/endoflife-snapshot.py --repo PATH [--out rules/knowledge/endoflife.json]

PATH is a clone, or a bare mirror (read with `git show`). Needs PyYAML.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def linked_ids():
    ids = []
    kdir = os.path.join(ROOT, "rules", "knowledge")
    for name in sorted(os.listdir(kdir)):
        if name.endswith(".yaml"):
            for m in re.finditer(r"^\s*(?:- )?endoflife:\s*['\"]?([\w.-]+)['\"]?\s*$", open(os.path.join(kdir, name)).read(), re.M):
                if m.group(1) not in ids:
                    ids.append(m.group(1))
    return ids


def git(repo, *args):
    return subprocess.check_output(["git", "-C", repo, *args]).decode()


def day(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    return None


def product(repo, pid, as_of):
    text = git(repo, "show", f"HEAD:products/{pid}.md")
    front = yaml.safe_load(text.split("---")[1])
    releases = []
    for r in front.get("releases", []):
        eol, lts, eoas = r.get("eol"), r.get("lts", False), r.get("eoas")
        latest = r.get("latest")
        releases.append({
            "name": str(r["releaseCycle"]),
            "releaseDate": day(r.get("releaseDate")),
            "isLts": bool(lts),
            "ltsFrom": day(lts),
            "eoasFrom": day(eoas),
            "isEol": eol is True or (day(eol) is not None and day(eol) <= as_of),
            "eolFrom": day(eol),
            "latest": None if latest is None else {"name": str(latest), "date": day(r.get("latestReleaseDate"))},
        })
    return {"name": pid, "label": front.get("title", pid), "releases": releases}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", required=True)
    ap.add_argument("--out", default=os.path.join(ROOT, "rules", "knowledge", "endoflife.json"))
    args = ap.parse_args()
    commit, date = git(args.repo, "log", "-1", "--format=%H %cs").split()
    products = [product(args.repo, pid, date) for pid in linked_ids()]
    data = {
        "source": "endoflife.date",
        "licence": "MIT licence, Copyright 2020 endoflife.date contributors (rules/knowledge/ENDOFLIFE-LICENSE)",
        "date": date,
        "from": f"github.com/endoflife-date/endoflife.date commit {commit}",
        "products": products,
    }
    # One release per line: small, and a new release is a one-line diff.
    compact = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    lines = ["{"]
    for key in ("source", "licence", "date", "from"):
        lines.append(f" {compact(key)}:{compact(data[key])},")
    lines.append(' "products":[')
    for i, p in enumerate(products):
        lines.append(f'  {{"name":{compact(p["name"])},"label":{compact(p["label"])},"releases":[')
        rels = [f"   {compact(r)}" for r in p["releases"]]
        lines.append(",\n".join(rels))
        lines.append("  ]}" + ("," if i + 1 < len(products) else ""))
    lines.append(" ]")
    lines.append("}")
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(products)} products, data of {date}, to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
