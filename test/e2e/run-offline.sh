#!/usr/bin/env bash
# Real-editor e2e tests for kube-tls-lint, offline: code-server from npm (VS Code 1.100.3
# inside, real Node extension host) + Debian's chromium driven by playwright-core.
# Self-installing and idempotent on Debian 12 (apt + npm only). See /work/shared/e2e-offline.md.
#
#   bash test/e2e/run-offline.sh [test]                     # dev session (full suite) + vsix session (@smoke)
#   bash test/e2e/run-offline.sh dev                        # full suite against the repo (extensionDevelopmentPath)
#   bash test/e2e/run-offline.sh vsix                       # the .vsix installed like a user's, @smoke subset
#   bash test/e2e/run-offline.sh screenshot FILE OUT.png    # vsix install, open FILE, Problems panel, PNG
#   bash test/e2e/run-offline.sh web                        # vsix in the browser's worker extension host: squiggles, the
#                                                           # hover linking the extension's rule page, the scan's problems
#   E2E_RUNNER=electron bash test/e2e/run-offline.sh        # full suite via @vscode/test-electron (needs internet)
#
# Env: EXT_DIR             extension under test (default: the repo root)
#      E2E_TESTS_PATH      tests module (default $EXT_DIR/test/e2e/index.js -> out/test/e2e/**/*.test.js)
#      E2E_WORKSPACE_SRC   folder copied to a temp dir per session (default $EXT_DIR/test/e2e/fixtures/workspace)
#      E2E_SKIP_BUILD=1    do not run `npm run build` / `npm run compile-tests` first
#      E2E_VSIX            use this .vsix instead of packaging a fresh one
#      E2E_GREP            mocha grep for the dev session; E2E_VSIX_GREP for the vsix one (default @smoke)
#      E2E_TIMEOUT_MS      overall driver timeout per session (default 240000)
#      CODE_SERVER_CACHE   install cache (default /tmp/code-server-cache); CODE_SERVER_VERSION (4.100.3)
#      CHROMIUM            default /usr/lib/chromium/chromium (the ELF, not the /usr/bin wrapper)
#      E2E_SHOT_TOP        screenshot: scroll so this line is the editor's first; E2E_SHOT_SIZE (1280x960)
#      E2E_SHOT_HOVER      screenshot: error|warning, hover the first squiggle of that severity (its help shown)
#      E2E_EXTENSION_KIND  web: the installed extension runs in the browser's Web Worker extension host
#                          (its `browser` entry, dist/browserServer.js), not the Node one
#      KEEP=1              keep the temp work dir; E2E_VERBOSE=1 echo all workbench/browser log lines
# Exit: 0 all passed; 1 failures/timeouts; 2 environment problem; 3 engines.vscode not satisfied.
# The last line printed is `e2e: N passed, N failed` (test modes), summed over the sessions.
set -euo pipefail

MODE="${1:-test}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
EXT_DIR="$(cd "${EXT_DIR:-$REPO}" && pwd)"
TESTS_PATH="${E2E_TESTS_PATH:-$EXT_DIR/test/e2e/index.js}"
WS_SRC="${E2E_WORKSPACE_SRC:-$EXT_DIR/test/e2e/fixtures/workspace}"
RUNNER="${E2E_RUNNER:-code-server}"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${CODE_SERVER_CACHE:-/tmp/code-server-cache}"
CS_DIR="$CACHE/$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
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
  test) SESSIONS="dev vsix" ;;
  dev) SESSIONS=dev ;;
  vsix) SESSIONS=vsix ;;
  screenshot)
    SESSIONS=shot
    [ $# -ge 2 ] || die 2 "usage: $0 screenshot <file-to-open> [out.png]"
    SHOT_FILE="$(realpath "$2")"; [ -f "$SHOT_FILE" ] || die 2 "no such file: $2"
    SHOT_OUT="$(realpath -m "${3:-$TMPDIR/kube-tls-lint-shot.png}")" ;;
  web)
    # The web extension (browser entry, server in a Web Worker) in code-server's web worker extension host
    # (remote.extensionKind web); fails if the Node extension host activated it instead.
    SESSIONS=shot
    export E2E_EXTENSION_KIND="${E2E_EXTENSION_KIND:-web}" E2E_SHOT_HOVER=error E2E_SHOT_TOP="${E2E_SHOT_TOP:-12}"
    SHOT_FILE="$(realpath "$WS_SRC/control-plane/kube-apiserver.yaml")"
    SHOT_OUT="$TMPDIR/kube-tls-lint-web.png"
    SHOT_EXPECT_DOCS=vscode-remote:
    # The open file's two findings and one each in scan-only/ and eck/, files never opened.
    SHOT_EXPECT_PROBLEMS="Errors: 2, Warnings: 2" ;;
  *) die 2 "unknown mode '$MODE' (test | dev | vsix | screenshot FILE OUT.png | web)" ;;
esac
[ -f "$EXT_DIR/package.json" ] || die 2 "no package.json in $EXT_DIR"

# ---------------------------------------------------------------- work dir + cleanup trap
WORK=$(mktemp -d "$TMPDIR/kube-tls-lint-e2e.XXXXXX")
CS_PID=
FAILED_SESSIONS=()
stop_code_server() { # code-server and everything it spawned (its own process group)
  [ -n "$CS_PID" ] || return 0
  local pid=$CS_PID
  CS_PID=
  # Under `set -e` every kill must be allowed to fail: the group (or its leader) is often gone
  # already, e.g. when code-server exited on its own with the driver.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  # Wait for the whole group, not only its leader: children still writing logs are stopped too.
  for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 0
}
dump_logs() { # $1 = session dir: why it failed, including the extension's output channels
  local S=$1 f
  echo "=== logs of the ${S##*/} session ===" >&2
  if [ -s "$S/code-server.log" ]; then
    echo '--- code-server.log (tail) ---' >&2; tail -25 "$S/code-server.log" >&2
  fi
  if [ -s "$S/automation.log" ]; then # everything else from it was already echoed live
    echo '--- errors/warnings via codeAutomationLog + page errors (tail) ---' >&2
    awk '/^\[[a-z ]+\] /{keep = /^\[(error|warn|warning|page error)\] /} keep' "$S/automation.log" | tail -40 >&2
  fi
  # exthost*/remoteexthost.log: activation errors; exthost*/<publisher.name>/*.log and
  # output_logging_*: the extension's output channels (the language server's log); vscode.* skipped.
  while IFS= read -r f; do
    echo "--- ${f#"$WORK"/} (tail) ---" >&2; tail -60 "$f" >&2
  done < <(find "$S/user-data/logs" -type f -name '*.log' -path '*exthost*' -size +0 \
             ! -path '*/vscode.*/*' ! -name '*Telemetry.log' 2>/dev/null | sort)
}
cleanup() {
  local rc=$?
  set +e
  stop_code_server
  if [ "$rc" -ne 0 ]; then
    local S
    for S in "${FAILED_SESSIONS[@]+"${FAILED_SESSIONS[@]}"}"; do dump_logs "$S"; done
    if [ ${#FAILED_SESSIONS[@]} -eq 0 ] && [ -n "${CURRENT_SESSION:-}" ]; then dump_logs "$CURRENT_SESSION"; fi
  fi
  [ -s "$WORK/summary.txt" ] && cat "$WORK/summary.txt"
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
if [ "$MODE" = web ]; then
  if [ ${#FAILED_SESSIONS[@]} -eq 0 ]; then echo "e2e: 1 passed, 0 failed" > "$WORK/summary.txt"; else echo "e2e: 0 passed, 1 failed" > "$WORK/summary.txt"; fi
  cat "$WORK/summary.txt"
elif [ "$MODE" != screenshot ]; then
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
# Every code-server/chromium invocation writes to the XDG dirs: keep them in the work dir.
export XDG_CONFIG_HOME="$WORK/xdg-config" XDG_DATA_HOME="$WORK/xdg-data" XDG_CACHE_HOME="$WORK/xdg-cache"

# Fresh copy of the fixture workspace for a session (fixtures are never edited).
new_workspace() {
  mkdir -p "$1"
  if [ -d "$WS_SRC" ]; then cp -r "$WS_SRC/." "$1/"; else log "note: $WS_SRC does not exist; opening an empty workspace"; fi
}

# ---------------------------------------------------------------- electron runner (needs internet)
if [ "$RUNNER" = electron ]; then
  [ "$MODE" = test ] || [ "$MODE" = dev ] || die 2 "E2E_RUNNER=electron supports only the test/dev mode"
  log "running @vscode/test-electron (downloads VS Code)"
  new_workspace "$WORK/ws"
  rc=0
  E2E_EXT_DIR="$EXT_DIR" E2E_TESTS_PATH="$TESTS_PATH" E2E_WORKSPACE="$WORK/ws" \
    node "$HERE/run-electron.js" 2>&1 | tee "$WORK/electron.log" || rc=$?
  grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$WORK/electron.log" | tail -1 > "$WORK/summary.txt" || true
  [ -s "$WORK/summary.txt" ] || echo "e2e: 0 passed, 1 failed (no mocha summary; run-electron exit $rc)" > "$WORK/summary.txt"
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

node -e 'require.resolve("playwright-core", { paths: [process.argv[1]] })' "$HERE" 2>/dev/null \
  || die 2 "playwright-core (a devDependency) is not installed; run \`npm ci\` in $REPO"

# ---------------------------------------------------------------- 3. the .vsix, packaged like a release
# Packaged from a copy of the sources so the shared dist/ is not rebuilt in production mode under
# anyone's feet; node_modules is linked for the vscode:prepublish build (esbuild).
VSIX=
package_vsix() {
  if [ -n "${E2E_VSIX:-}" ]; then VSIX="$(realpath "$E2E_VSIX")"; [ -f "$VSIX" ] || die 2 "E2E_VSIX $E2E_VSIX not found"; return; fi
  local version pkg="$WORK/package-src"
  version=$(node -p "require('$EXT_DIR/package.json').version")
  VSIX="$WORK/kube-tls-lint-$version.vsix"
  log "vsce package (vscode:prepublish production build) -> ${VSIX##*/}"
  mkdir -p "$pkg"
  tar -C "$EXT_DIR" --exclude=./node_modules --exclude=./out --exclude=./dist --exclude=./.git --exclude='./*.vsix' \
    --exclude=./bench/.work --exclude=./.e2e-work -cf - . | tar -C "$pkg" -xf -
  ln -s "$EXT_DIR/node_modules" "$pkg/node_modules"
  if node -e 'process.exit(require(process.argv[1]).scripts?.package ? 0 : 1)' "$pkg/package.json"; then
    # The project's own `npm run package` (it may stage the .vsix, e.g. when the manifest's
    # `files` list is for npm and a .vscodeignore for vsce, which vsce refuses side by side).
    local made
    (cd "$pkg" && npm run --silent package >"$WORK/vsce.log" 2>&1) || { cat "$WORK/vsce.log" >&2; die 1 "npm run package failed"; }
    made=$(find "$pkg" -maxdepth 1 -name '*.vsix' -newer "$pkg/package.json" | head -1)
    [ -n "$made" ] || { cat "$WORK/vsce.log" >&2; die 1 "npm run package made no .vsix in the package folder"; }
    mv "$made" "$VSIX"
  else
    (cd "$pkg" && "$EXT_DIR/node_modules/.bin/vsce" package --no-dependencies -o "$VSIX" >"$WORK/vsce.log" 2>&1) \
      || { cat "$WORK/vsce.log" >&2; die 1 "vsce package failed"; }
  fi
  log "$(du -k "$VSIX" | cut -f1) KB, $(unzip -Z1 "$VSIX" | grep -c '^extension/') files"
}

# ---------------------------------------------------------------- 4. one code-server session
# session NAME: dev  = the repo as extensionDevelopmentPath, full suite;
#               vsix = the .vsix installed into the extensions dir, a stub as development path
#                      (VS Code runs extension tests only with one), @smoke subset;
#               shot = the .vsix installed, open a file, screenshot.
CURRENT_SESSION=
session() {
  local name=$1 S="$WORK/$1" rc=0 dev_path="$EXT_DIR" grep_for="${E2E_GREP:-}"
  CURRENT_SESSION=$S
  mkdir -p "$S/user-data/User" "$S/extensions" "$S/tmp"
  cat > "$S/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "editor.stickyScroll.enabled": false
}
JSON
  if [ -n "${E2E_EXTENSION_KIND:-}" ]; then # e.g. web: the web extension in the browser's worker extension host
    node -e 'const f = process.argv[1], s = JSON.parse(require("fs").readFileSync(f, "utf8"));
      s["remote.extensionKind"] = { "kube-tls-lint.kube-tls-lint": [process.argv[2]] };
      require("fs").writeFileSync(f, JSON.stringify(s, null, 2));' "$S/user-data/User/settings.json" "$E2E_EXTENSION_KIND"
  fi
  local ws="$S/ws"; new_workspace "$ws"
  if [ "$name" != dev ]; then
    [ -n "$VSIX" ] || package_vsix
    "$CS_BIN" --user-data-dir "$S/user-data" --extensions-dir "$S/extensions" --install-extension "$VSIX" \
      >"$S/install-ext.log" 2>&1 || { cat "$S/install-ext.log" >&2; die 1 "--install-extension failed"; }
    log "$name: installed $(ls "$S/extensions" | grep -v '^extensions.json$' | tr '\n' ' ')"
  fi
  if [ "$name" = vsix ]; then
    dev_path="$S/harness"; mkdir -p "$dev_path"
    printf '{"name":"e2e-harness","publisher":"kube-tls-lint-tests","version":"0.0.0","engines":{"vscode":"*"}}\n' \
      > "$dev_path/package.json"
    grep_for="${E2E_VSIX_GREP:-@smoke}"
  fi

  PORT=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  # EXTENSIONS_GALLERY='{}': no gallery requests. TMPDIR: keeps the exthost's vscode-ipc-*.sock in $WORK.
  # setsid: code-server and its children form one process group, stopped as a whole.
  # E2E_MODE/E2E_GREP reach the extension host (it inherits code-server's environment).
  E2E_MODE="$name" E2E_GREP="$grep_for" TMPDIR="$S/tmp" EXTENSIONS_GALLERY='{}' setsid "$CS_BIN" \
    --bind-addr "127.0.0.1:$PORT" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$S/user-data" --extensions-dir "$S/extensions" "$ws" >"$S/code-server.log" 2>&1 &
  CS_PID=$!
  log "$name: code-server pid $CS_PID on 127.0.0.1:$PORT${grep_for:+ (grep $grep_for)}"

  local base="http://127.0.0.1:$PORT" guard=$(( E2E_TIMEOUT_MS / 1000 + 60 )) # backstop if the driver wedges
  if [ "$name" = shot ]; then
    local open_file src_root
    src_root="$(realpath -m "$WS_SRC")"
    case "$SHOT_FILE" in # the workspace copy of a fixture file, else a copy in the workspace
      "$src_root"/*) open_file="$ws/${SHOT_FILE#"$src_root"/}" ;;
      *) open_file="$ws/$(basename "$SHOT_FILE")"; cp "$SHOT_FILE" "$open_file" ;;
    esac
    mkdir -p "$(dirname "$SHOT_OUT")"
    timeout -k 10 "$guard" node "$HERE/drive.js" shot --base "$base" --folder "$ws" --file "$open_file" --out "$SHOT_OUT" \
      ${E2E_SHOT_TOP:+--top "$E2E_SHOT_TOP"} ${E2E_SHOT_HOVER:+--hover "$E2E_SHOT_HOVER"} ${SHOT_EXPECT_DOCS:+--expect-docs "$SHOT_EXPECT_DOCS"} ${SHOT_EXPECT_PROBLEMS:+--expect-problems "$SHOT_EXPECT_PROBLEMS"} --log "$S/automation.log" || rc=$?
  else
    timeout -k 10 "$guard" node "$HERE/drive.js" test --base "$base" --folder "$ws" --ext "$dev_path" --tests "$TESTS_PATH" \
      --log "$S/automation.log" --summary "$S/summary.txt" || rc=$?
    [ -s "$S/summary.txt" ] || echo "e2e: 0 passed, 1 failed (driver exit $rc, no summary)" > "$S/summary.txt"
    log "$name: $(cat "$S/summary.txt")"
  fi
  stop_code_server
  if [ "$MODE" = web ] && [ "$rc" -eq 0 ]; then
    # The squiggles and hover came from the web extension only if the Node extension host never ran it.
    if grep -qs '_doActivateExtension kube-tls-lint.kube-tls-lint' "$S"/user-data/logs/*/exthost*/remoteexthost.log; then
      log "web: the extension ran in the Node extension host, not the web worker one"; rc=1
    fi
  fi
  [ "$rc" -eq 0 ] || FAILED_SESSIONS+=("$S")
  CURRENT_SESSION=
  return 0
}

for name in $SESSIONS; do session "$name"; done

# ---------------------------------------------------------------- 5. one summary line
if [ "$MODE" = web ]; then
  if [ ${#FAILED_SESSIONS[@]} -eq 0 ]; then echo "e2e: 1 passed, 0 failed" > "$WORK/summary.txt"; else echo "e2e: 0 passed, 1 failed" > "$WORK/summary.txt"; fi
  cat "$WORK/summary.txt"
elif [ "$MODE" != screenshot ]; then
  passed=0; failed=0
  for name in $SESSIONS; do
    line=$(cat "$WORK/$name/summary.txt")
    passed=$(( passed + $(sed -E 's/^e2e: ([0-9]+) passed.*/\1/' <<<"$line") ))
    failed=$(( failed + $(sed -E 's/^e2e: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line") ))
  done
  echo "e2e: $passed passed, $failed failed" > "$WORK/summary.txt"
  # A session that failed without a failing test (crash, timeout) still fails the run.
  [ ${#FAILED_SESSIONS[@]} -eq 0 ] || [ "$failed" -gt 0 ] || echo "e2e: $passed passed, 1 failed (a session exited non-zero)" > "$WORK/summary.txt"
fi
log "done in $(( $(date +%s) - T0 ))s: ${#FAILED_SESSIONS[@]} failed session(s)"
[ ${#FAILED_SESSIONS[@]} -eq 0 ] || exit 1
