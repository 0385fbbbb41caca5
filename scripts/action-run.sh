#!/usr/bin/env bash
# The run step of the djlint GitHub Action (action.yml). Inputs arrive as
# INPUT_* variables; GitHub's own variables say what triggered the run.
#
# On a pull_request event with changed-only, the whole bank is read but
# only findings that touch question files changed by the pull request are
# reported (djlint's changed-files mode); the base commit comes from the
# event payload. Annotations go to the log (--format github), a Markdown
# summary to $GITHUB_STEP_SUMMARY, SARIF to `sarif-file` when asked, and the
# exit code to the `exit-code` output.
set -euo pipefail

djlint=${DJLINT_BIN:-djlint}
# Paths and arguments are split at spaces and line breaks.
IFS=$' \t\n' read -r -d '' -a paths <<< "${INPUT_PATHS:-.}" || true
IFS=$' \t\n' read -r -d '' -a extra <<< "${INPUT_ARGS:-}" || true
(( ${#paths[@]} > 0 )) || paths=(.)
fail_on=${INPUT_FAIL_ON:-warning}
sarif=${INPUT_SARIF_FILE:-}
changed_only=${INPUT_CHANGED_ONLY:-true}
output=${GITHUB_OUTPUT:-/dev/null}

changed=()
if [[ $changed_only == true && ${GITHUB_EVENT_NAME:-} == pull_request* && -n ${GITHUB_EVENT_PATH:-} ]]; then
  base=$(python3 -c 'import json, os; print(json.load(open(os.environ["GITHUB_EVENT_PATH"]))["pull_request"]["base"]["sha"])')
  # A shallow checkout may not have the base commit yet.
  git cat-file -e "$base^{commit}" 2>/dev/null || git fetch --no-tags --depth=1 origin "$base"
  mapfile -t changed < <(git diff --name-only --diff-filter=d "$base" HEAD -- '*.yaml' '*.yml' '*.md' '*.markdown' '*.txt')
  if (( ${#changed[@]} == 0 )); then
    echo "djlint: the pull request changes no question files"
    echo "exit-code=0" >> "$output"
    exit 0
  fi
  echo "djlint: reporting findings that touch the ${#changed[@]} changed YAML, Markdown or text file(s); those outside the bank are skipped"
fi

run=("$djlint" check "${paths[@]}" --fail-on "$fail_on" "${extra[@]}")
# --changed takes one file per flag.
tail=()
for file in "${changed[@]}"; do
  tail+=(--changed "$file")
done

if [[ -n $sarif ]]; then
  status=0
  GITHUB_STEP_SUMMARY='' "${run[@]}" --format sarif "${tail[@]}" > "$sarif" || status=$?
  if (( status > 1 )); then
    echo "exit-code=$status" >> "$output"
    exit "$status"
  fi
fi

status=0
"${run[@]}" --format github "${tail[@]}" || status=$?
echo "exit-code=$status" >> "$output"
exit "$status"
