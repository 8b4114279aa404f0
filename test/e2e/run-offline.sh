#!/usr/bin/env bash
# Real-editor e2e tests for kube-tls-lint, offline: code-server from npm (VS Code 1.100.3
# inside, real Node extension host) + Debian's chromium driven by playwright-core.
# Self-installing and idempotent on Debian 12 (apt + npm only). See /work/shared/e2e-offline.md.
#
#   bash test/e2e/run-offline.sh                            # mocha e2e tests in the extension host
#   bash test/e2e/run-offline.sh screenshot FILE OUT.png    # vsix install, open FILE, Problems panel, PNG
#   E2E_RUNNER=electron bash test/e2e/run-offline.sh        # same tests via @vscode/test-electron (needs internet)
#
# Env: EXT_DIR             extension under test (default: the repo root)
#      E2E_TESTS_PATH      tests module (default $EXT_DIR/test/e2e/index.js -> out/test/e2e/**/*.test.js)
#      E2E_WORKSPACE_SRC   folder copied to a temp dir and opened (default $EXT_DIR/test/e2e/fixtures/workspace)
#      E2E_SKIP_BUILD=1    do not run `npm run build` / `npm run compile-tests` first
#      E2E_TIMEOUT_MS      overall driver timeout (default 240000)
#      CODE_SERVER_CACHE   install cache (default /tmp/code-server-cache); CODE_SERVER_VERSION (4.100.3)
#      CHROMIUM            default /usr/lib/chromium/chromium (the ELF, not the /usr/bin wrapper)
#      KEEP=1              keep the temp work dir; E2E_VERBOSE=1 echo all workbench/browser log lines
# Exit: 0 all passed; 1 failures/timeouts; 2 environment problem; 3 engines.vscode not satisfied.
# The last line printed is `e2e: N passed, N failed` (test modes).
set -euo pipefail

MODE="${1:-test}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
EXT_DIR="$(cd "${EXT_DIR:-$REPO}" && pwd)"
TESTS_PATH="${E2E_TESTS_PATH:-$EXT_DIR/test/e2e/index.js}"
WS_SRC="${E2E_WORKSPACE_SRC:-$EXT_DIR/test/e2e/fixtures/workspace}"
RUNNER="${E2E_RUNNER:-code-server}"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PW_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
CACHE="${CODE_SERVER_CACHE:-/tmp/code-server-cache}"
CS_DIR="$CACHE/$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
PW_DIR="$CACHE/playwright-core-$PW_VERSION"
export TMPDIR="${TMPDIR:-/tmp}"
export CHROMIUM="${CHROMIUM:-/usr/lib/chromium/chromium}"
export E2E_TIMEOUT_MS="${E2E_TIMEOUT_MS:-240000}"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
NODEDIR="${npm_config_nodedir:-/usr}" # node-gyp uses the local Node headers instead of downloading them

T0=$(date +%s)
log() { printf '[e2e %3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { local code=$1; shift; log "ERROR: $*"; exit "$code"; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

case "$MODE" in
  test) ;;
  screenshot)
    [ $# -ge 2 ] || die 2 "usage: $0 screenshot <file-to-open> [out.png]"
    SHOT_FILE="$(realpath "$2")"; [ -f "$SHOT_FILE" ] || die 2 "no such file: $2"
    SHOT_OUT="$(realpath -m "${3:-$TMPDIR/kube-tls-lint-shot.png}")" ;;
  *) die 2 "unknown mode '$MODE' (test | screenshot FILE OUT.png)" ;;
esac
[ -f "$EXT_DIR/package.json" ] || die 2 "no package.json in $EXT_DIR"

# ---------------------------------------------------------------- work dir + cleanup trap
WORK=$(mktemp -d "$TMPDIR/kube-tls-lint-e2e.XXXXXX")
CS_PID=
SUMMARY_FILE="$WORK/summary.txt"
cleanup() {
  local rc=$?
  set +e
  if [ -n "$CS_PID" ]; then # stop code-server and everything it spawned (its own process group)
    kill -TERM -- "-$CS_PID" 2>/dev/null || kill -TERM "$CS_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null
  fi
  if [ "$rc" -ne 0 ]; then
    if [ -s "$WORK/code-server.log" ]; then
      echo '--- code-server.log (tail) ---' >&2; tail -25 "$WORK/code-server.log" >&2
    fi
    if [ -s "$WORK/automation.log" ]; then # everything else from it was already echoed live
      echo '--- errors/warnings via codeAutomationLog + page errors (tail) ---' >&2
      awk '/^\[[a-z ]+\] /{keep = /^\[(error|warn|warning|page error)\] /} keep' "$WORK/automation.log" | tail -40 >&2
    fi
    # Extension output channels and extension host logs written by code-server's server side.
    while IFS= read -r f; do
      echo "--- ${f#"$WORK"/} (tail) ---" >&2; tail -25 "$f" >&2
    # (exthost*/remoteexthost.log: activation errors; exthost*/<publisher.name>/*.log and
    # output_logging_*: the extension's output channels; built-in vscode.* channels skipped.)
    done < <(find "$WORK/user-data/logs" -type f -name '*.log' -path '*exthost*' -size +0 \
               ! -path '*/vscode.*/*' ! -name '*Telemetry.log' 2>/dev/null | sort)
  fi
  [ -s "$SUMMARY_FILE" ] && cat "$SUMMARY_FILE"
  if [ -n "${KEEP:-}" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- project checks + build
command -v node >/dev/null || die 2 "node not found"
if [ -z "${E2E_SKIP_BUILD:-}" ]; then
  log "npm run build / compile-tests (if present) in $EXT_DIR"
  (cd "$EXT_DIR" && npm run --silent --if-present build && { [ "$MODE" = screenshot ] || npm run --silent --if-present compile-tests; }) \
    || die 1 "build failed"
fi
if [ "$MODE" = test ]; then
  [ -f "$TESTS_PATH" ] || die 2 "tests module not found: $TESTS_PATH"
  node -e 'require.resolve("mocha", { paths: [process.argv[1]] })' "$(dirname "$TESTS_PATH")" 2>/dev/null \
    || die 2 "mocha is not resolvable from $(dirname "$TESTS_PATH"); run \`npm ci\` in $EXT_DIR"
  if [ -z "${E2E_TESTS_PATH:-}" ] && [ -z "$(find "$EXT_DIR/out/test/e2e" -name '*.test.js' 2>/dev/null | head -1)" ]; then
    die 2 "no compiled e2e tests (out/test/e2e/**/*.test.js); run \`npm run compile-tests\`"
  fi
fi
node -e '
  const path = require("path"), fs = require("fs"), ext = process.argv[1];
  const main = require(path.join(ext, "package.json")).main;
  if (main && !["", ".js", "/index.js"].some((s) => fs.existsSync(path.resolve(ext, main) + s))) {
    console.error(`package.json main ${main} does not exist; build the extension first`); process.exit(2);
  }' "$EXT_DIR" || die 2 "extension entry point missing"

# Fresh workspace copy (fixtures are never edited) and isolated config dirs.
WS="$WORK/ws"; mkdir -p "$WS"
if [ -d "$WS_SRC" ]; then cp -r "$WS_SRC/." "$WS/"; else log "note: $WS_SRC does not exist; opening an empty workspace"; fi
export XDG_CONFIG_HOME="$WORK/xdg-config" XDG_DATA_HOME="$WORK/xdg-data" XDG_CACHE_HOME="$WORK/xdg-cache"

# ---------------------------------------------------------------- electron runner (needs internet)
if [ "$RUNNER" = electron ]; then
  [ "$MODE" = test ] || die 2 "E2E_RUNNER=electron supports only the test mode"
  log "running @vscode/test-electron (downloads VS Code)"
  rc=0
  E2E_EXT_DIR="$EXT_DIR" E2E_TESTS_PATH="$TESTS_PATH" E2E_WORKSPACE="$WS" \
    node "$HERE/run-electron.js" 2>&1 | tee "$WORK/electron.log" || rc=$?
  grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$WORK/electron.log" | tail -1 > "$SUMMARY_FILE" || true
  [ -s "$SUMMARY_FILE" ] || echo "e2e: 0 passed, 1 failed (no mocha summary; run-electron exit $rc)" > "$SUMMARY_FILE"
  [ "$rc" -eq 0 ] || exit 1
  exit 0
fi
[ "$RUNNER" = code-server ] || die 2 "unknown E2E_RUNNER '$RUNNER' (code-server | electron)"

# ---------------------------------------------------------------- 1. Debian packages (only what is missing)
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" = 20 ] || die 2 "code-server $CS_VERSION needs Node 20 (found $node_major); see e2e-offline.md"
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
if [ ! -f "$CS_DIR/.complete" ]; then # build deps are needed only to install code-server
  command -v rg >/dev/null || need+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
  { command -v g++ && command -v make && command -v python3; } >/dev/null || need+=(build-essential python3)
fi
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# ---------------------------------------------------------------- 2. code-server, installed once into the cache
if [ ! -f "$CS_DIR/.complete" ]; then
  # @vscode/ripgrep's postinstall downloads rg from GitHub; pre-fill the cache it checks first:
  # $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz with a top-level `rg`.
  case "$(uname -m)" in x86_64) target=x86_64-unknown-linux-musl ;; aarch64) target=aarch64-unknown-linux-musl ;;
    *) die 2 "unsupported arch $(uname -m)" ;; esac
  rg_cache="$TMPDIR/vscode-ripgrep-cache-${RG_PKG_VERSION:-1.15.11}"
  rg_asset="$rg_cache/ripgrep-${RG_TAG:-v13.0.0-10}-$target.tar.gz"
  if [ ! -s "$rg_asset" ]; then
    stage=$(mktemp -d); cp "$(command -v rg)" "$stage/rg"
    mkdir -p "$rg_cache"; tar -czf "$rg_asset" -C "$stage" rg; rm -rf "$stage"
  fi
  log "installing code-server@$CS_VERSION into $CS_DIR (one-off, ~70 s)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"; echo '{"private":true}' > "$CS_DIR/package.json"
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_nodedir="$NODEDIR" \
      npm install --no-package-lock "code-server@$CS_VERSION" >"$CS_DIR/install.log" 2>&1) \
    || { tail -40 "$CS_DIR/install.log" >&2; die 1 "code-server install failed (log: $CS_DIR/install.log)"; }
  [ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || { tail -40 "$CS_DIR/install.log" >&2; die 1 "ripgrep missing after code-server install"; }
  touch "$CS_DIR/.complete"
fi
VSCODE_VERSION=$(node -p "require('$CS_DIR/node_modules/code-server/lib/vscode/package.json').version")
log "code-server $(node -p "require('$CS_DIR/node_modules/code-server/package.json').version") (VS Code $VSCODE_VERSION)"

# An extension whose engines.vscode is not satisfied is only logged as "not compatible" and the
# run would hang until the timeout: fail fast.
node -e '
  const [cs, ext, have] = process.argv.slice(1);
  const semver = require(cs + "/node_modules/semver");
  const want = (require(ext + "/package.json").engines || {}).vscode;
  if (!want) { console.error("package.json has no engines.vscode"); process.exit(3); }
  if (!semver.satisfies(have, want)) { console.error(`engines.vscode ${want} is not satisfied by VS Code ${have} in code-server`); process.exit(3); }
' "$CS_DIR" "$EXT_DIR" "$VSCODE_VERSION" || exit 3

# playwright-core (no browser download): the repo's own if it has one, else a cached copy.
if ! node -e 'require.resolve("playwright-core", { paths: [process.argv[1]] })' "$HERE" 2>/dev/null; then
  if [ ! -f "$PW_DIR/node_modules/playwright-core/package.json" ]; then
    log "installing playwright-core@$PW_VERSION into $PW_DIR (one-off)"
    mkdir -p "$PW_DIR"; echo '{"private":true}' > "$PW_DIR/package.json"
    (cd "$PW_DIR" && npm install --no-package-lock --loglevel=error "playwright-core@$PW_VERSION" >/dev/null) \
      || die 1 "playwright-core install failed"
  fi
  export NODE_PATH="$PW_DIR/node_modules${NODE_PATH:+:$NODE_PATH}" # for drive.js only (not exported to code-server)
fi

# ---------------------------------------------------------------- 3. user data, optional vsix install
mkdir -p "$WORK/user-data/User" "$WORK/extensions" "$WORK/tmp"
cat > "$WORK/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false
}
JSON

if [ "$MODE" = screenshot ]; then
  log "vsce package + install"
  (cd "$EXT_DIR" && npx --yes @vscode/vsce@3 package --no-dependencies --allow-missing-repository --skip-license \
      -o "$WORK/ext.vsix" >"$WORK/vsce.log" 2>&1) || { cat "$WORK/vsce.log" >&2; die 1 "vsce package failed"; }
  env -u NODE_PATH "$CS_BIN" --user-data-dir "$WORK/user-data" --extensions-dir "$WORK/extensions" \
    --install-extension "$WORK/ext.vsix" >"$WORK/install-ext.log" 2>&1 || { cat "$WORK/install-ext.log" >&2; die 1 "--install-extension failed"; }
  # Open the workspace copy of the file when it comes from the fixtures, else a copy in the workspace.
  src_root="$(realpath -m "$WS_SRC")"
  case "$SHOT_FILE" in
    "$src_root"/*) OPEN_FILE="$WS/${SHOT_FILE#"$src_root"/}" ;;
    *) OPEN_FILE="$WS/$(basename "$SHOT_FILE")"; cp "$SHOT_FILE" "$OPEN_FILE" ;;
  esac
fi

# ---------------------------------------------------------------- 4. code-server on a free loopback port
PORT=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# EXTENSIONS_GALLERY='{}': no gallery requests. TMPDIR: keeps the exthost's vscode-ipc-*.sock in $WORK.
# setsid: code-server and its children form one process group, stopped as a whole in cleanup.
env -u NODE_PATH TMPDIR="$WORK/tmp" EXTENSIONS_GALLERY='{}' setsid "$CS_BIN" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$WORK/user-data" --extensions-dir "$WORK/extensions" "$WS" >"$WORK/code-server.log" 2>&1 &
CS_PID=$!
log "code-server pid $CS_PID on 127.0.0.1:$PORT"

# ---------------------------------------------------------------- 5. drive it
BASE="http://127.0.0.1:$PORT"
guard=$(( E2E_TIMEOUT_MS / 1000 + 60 )) # backstop in case the driver itself wedges
rc=0
if [ "$MODE" = screenshot ]; then
  mkdir -p "$(dirname "$SHOT_OUT")"
  timeout -k 10 "$guard" node "$HERE/drive.js" shot --base "$BASE" --folder "$WS" --file "$OPEN_FILE" --out "$SHOT_OUT" \
    --log "$WORK/automation.log" || rc=$?
else
  timeout -k 10 "$guard" node "$HERE/drive.js" test --base "$BASE" --folder "$WS" --ext "$EXT_DIR" --tests "$TESTS_PATH" \
    --log "$WORK/automation.log" --summary "$SUMMARY_FILE" || rc=$?
  [ -s "$SUMMARY_FILE" ] || echo "e2e: 0 passed, 1 failed (driver exit $rc, no summary)" > "$SUMMARY_FILE"
fi
log "done in $(( $(date +%s) - T0 ))s: exit $rc"
[ "$rc" -eq 0 ] || exit 1
