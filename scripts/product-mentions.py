#!/usr/bin/env python3
"""Count how often a bank names each product djlint's knowledge covers, to
choose which products to bundle (docs/PRECISION.md, "Which products").

    python3 scripts/product-mentions.py BANK_DIR...

Reads every .yaml/.yml/.md/.txt file under the folders; counts each
product's names as whole words (`names` in any case, `exact-names` as
written; `glued-names` followed by digits), and, apart, the mentions
followed by a version number. A few products without release data are
counted too, for comparison. The output quotes nothing from the banks."""
import glob, os, re, sys, collections
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OTHERS = {"C++": ["C++"], "C#": ["C#"], "Swift": ["Swift"], "Git": ["Git"], "AWS Lambda": ["AWS Lambda", "Lambda"]}


def products():
    out = collections.OrderedDict()
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "knowledge", "*.yaml"))):
        data = yaml.safe_load(open(path))
        for p in data if isinstance(data, list) else [data]:
            entry = out.setdefault(p["product"], {"any": [], "exact": [], "glued": []})
            entry["any"] += p.get("names", [])
            entry["exact"] += p.get("exact-names", [])
            entry["glued"] += p.get("glued-names", [])
    for name, names in OTHERS.items():
        out.setdefault(name, {"any": [], "exact": names, "glued": []})
    return out


def main():
    text = ""
    for bank in sys.argv[1:]:
        for ext in ("yaml", "yml", "md", "txt"):
            for f in glob.glob(os.path.join(bank, "**", "*." + ext), recursive=True):
                text += open(f, encoding="utf-8", errors="replace").read() + "\n"
    rows = []
    for product, names in products().items():
        pats = [(n, re.I) for n in names["any"]] + [(n, 0) for n in names["exact"]]
        named = versioned = 0
        for name, flags in pats:
            p = r"(?<![\w.#+])" + re.escape(name) + r"(?![\w#+]|\.\w)"
            named += len(re.findall(p, text, flags))
            versioned += len(re.findall(p + r"\s*v?\d+(?:\.\d+)?\b", text, flags))
        for name in names["glued"]:
            n = len(re.findall(r"\b" + re.escape(name) + r"\d{1,4}\b", text))
            named += n
            versioned += n
        rows.append((named, versioned, product))
    for named, versioned, product in sorted(rows, reverse=True):
        print(f"{named:7d} {versioned:6d}  {product}")


if __name__ == "__main__":
    main()
