#!/usr/bin/env python3
"""Write a YAML question bank as Markdown banks, for benchmarks that compare
reading the two formats on the same questions.

    python3 scripts/yaml-to-markdown.py SRC_DIR OUT_DIR

Each `*.yaml` file of SRC_DIR becomes a `.md` file of OUT_DIR: written
questions as `## N. question` headings with the answer under them, choice
questions as `#### QN.` headings with a task list (`- [x]` on the key).
Needs PyYAML. A `djlint.toml` that includes the Markdown files is written too.
"""
import os
import sys

import yaml


def main(src, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "djlint.toml"), "w") as f:
        f.write('include = ["*.md"]\n')
    for name in sorted(os.listdir(src)):
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
        lines = ["# " + str(doc.get("title") or name.rsplit(".", 1)[0]), ""]
        for n, q in enumerate(doc.get("questions") or [], 1):
            question = " ".join(str(q.get("question", "")).split())
            choices = q.get("choices")
            if choices:
                keys = q.get("answer")
                keys = keys if isinstance(keys, list) else [keys]
                lines += [f"#### Q{n}. {question}", ""]
                lines += [f"- [{'x' if c in keys else ' '}] {c}" for c in choices]
                if q.get("explanation"):
                    lines += ["", str(q["explanation"]).rstrip()]
            else:
                lines += [f"## {n}. {question}", "", str(q.get("answer", "")).rstrip()]
            lines.append("")
        with open(os.path.join(out, name.rsplit(".", 1)[0] + ".md"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
