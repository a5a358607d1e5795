#!/usr/bin/env bash
# The entry of the planlint GitHub Action (action.yml), also runnable anywhere in a git checkout.
#
# Checks the plans named in PLANLINT_PATHS (space-separated files, folders or globs), or else the Markdown
# files changed between PLANLINT_BASE and PLANLINT_HEAD (a pull request's base and head, a push's before and
# after), or else, when there is no usable base (a first push, a base missing from a shallow clone that cannot
# be fetched), every plan in the repository. Markdown files that are not plans are skipped (--only-plans).
#
# Writes SARIF to PLANLINT_SARIF (default planlint.sarif; a SARIF with no results when no Markdown file
# changed) and prints the findings in the log. Exits with planlint's exit code (0 clean, 1 errors, 2 usage,
# config or I/O error), or 0 with PLANLINT_DEFER_EXIT=true; either way `exit-code`, `sarif-file` and `files`
# are written to GITHUB_OUTPUT when it is set.
#
# Other settings: PLANLINT_CLI (the CLI to run; default dist/cli.cjs beside this script), PLANLINT_ARGS
# (extra options, e.g. "--lang zh --profile pitch").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cli="${PLANLINT_CLI:-$here/../dist/cli.cjs}"
sarif="${PLANLINT_SARIF:-planlint.sarif}"
base="${PLANLINT_BASE:-}"
head="${PLANLINT_HEAD:-HEAD}"
read -r -a extra <<< "${PLANLINT_ARGS:-}"

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi
}

files=()
if [ -n "${PLANLINT_PATHS:-}" ]; then
  read -r -a files <<< "$PLANLINT_PATHS"
  echo "planlint: checking ${files[*]}"
else
  usable=false
  if [ -n "$base" ] && [ "$base" != "0000000000000000000000000000000000000000" ]; then
    if git cat-file -e "$base^{commit}" 2>/dev/null; then
      usable=true
    elif git fetch --quiet --no-tags --depth=1 origin "$base" 2>/dev/null && git cat-file -e "$base^{commit}" 2>/dev/null; then
      usable=true
    fi
  fi
  if [ "$usable" = true ]; then
    while IFS= read -r -d '' f; do files+=("$f"); done < <(git diff --name-only -z --diff-filter=ACMRT "$base" "$head" -- '*.md' '*.markdown' '*.MD' '*.Markdown')
    echo "planlint: ${#files[@]} Markdown file(s) changed since ${base:0:12}"
  else
    files=(.)
    echo "planlint: no base commit to compare with; checking every plan in the repository"
  fi
fi

output sarif-file "$sarif"
if [ "${#files[@]}" -eq 0 ]; then
  # nothing to check: an empty run, so that an upload still closes the alerts of fixed plans
  printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"planlint","rules":[]}},"results":[]}]}\n' > "$sarif"
  output exit-code 0
  output files 0
  exit 0
fi
output files "${#files[@]}"

code=0
node "$cli" --only-plans --format sarif -o "$sarif" "${extra[@]}" -- "${files[@]}" || code=$?
# the same findings, readable in the log
node "$cli" --only-plans --no-color "${extra[@]}" -- "${files[@]}" || true
output exit-code "$code"
echo "planlint: exit code $code, SARIF in $sarif"
if [ "${PLANLINT_DEFER_EXIT:-false}" = true ]; then exit 0; fi
exit "$code"
