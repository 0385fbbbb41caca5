#!/usr/bin/env python3
"""Write the calibration banks in their published Markdown form, for
docs/PRECISION.md: the quiz pages and the interview guides as their authors
keep them, read at the commits ../shared/real-banks/convert.py pins.

    python3 scripts/real-banks-markdown.py --mirror-root MIRRORS --out DIR

MIRRORS holds the repositories fetched with the search tool's `fetch`
(`OWNER+NAME/repo`). DIR gets linkedin/, devinterview/ and sudheerj/, each
with a djlint.toml that includes its Markdown files. Their text is not ours:
keep DIR out of the repository.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "real-banks"))
import convert as c  # noqa: E402  (the pinned commits and the git helpers)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror-root", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    c.Ctx.mirror_root = args.mirror_root
    out = args.out
    name, commit = c.LINKEDIN
    for p in c.linkedin_files(name, commit):
        write(f"{out}/linkedin/{p}", c.git_show(name, commit, p))
    for topic, commit in c.DEVINTERVIEW.items():
        repo = f"Devinterview-io+{topic}-interview-questions"
        write(f"{out}/devinterview/{topic}.md", c.git_show(repo, commit, "README.md"))
    for lib, (name, commit) in c.SUDHEERJ.items():
        write(f"{out}/sudheerj/{lib}.md", c.git_show(name, commit, "README.md"))
    for bank in ("linkedin", "devinterview", "sudheerj"):
        write(f"{out}/{bank}/djlint.toml", 'include = ["**/*.md"]\n')


if __name__ == "__main__":
    main()
