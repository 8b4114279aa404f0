#!/usr/bin/env bash
# Packs the npm package and uses it as users do, in folders with no repository around:
# installed globally (into a private prefix) and as a devDependency, and through the GitHub
# Action (action.yml, its steps run with the INPUT_* environment the runner sets).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
echo "packed $tarball"
tar -tzf "$tarball" | sort
# The CLI is bundled: the package needs nothing from the registry.
node -e 'const p=require(process.argv[1]); if (p.private || (p.dependencies && Object.keys(p.dependencies).length)) process.exit(1)' "$root/package.json" \
  || fail "package.json must not be private nor have runtime dependencies"
mkdir -p "$work/global" "$work/project/manifests"
cp examples/*.yaml "$work/project/manifests/"

echo "--- npm install --global"
npm install --global --offline --no-audit --no-fund --prefix "$work/global" "$tarball" >/dev/null
cd "$work/project"
[ "$("$work/global/bin/kube-tls-lint" --version)" = "$(node -p "require('$root/package.json').version")" ] || fail "global install: wrong version"
status=0
"$work/global/bin/kube-tls-lint" manifests >/dev/null || status=$?
[ "$status" -eq 1 ] || fail "global install: expected exit 1 on the examples, got $status"

echo "--- npm install --save-dev"
npm init -y >/dev/null
npm install --save-dev --offline --no-audit --no-fund "$tarball" >/dev/null
status=0
npx --no-install kube-tls-lint --format sarif manifests >"$work/out.sarif" || status=$?
[ "$status" -eq 1 ] || fail "devDependency install: expected exit 1 on the examples, got $status"
node -e 'const log=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.exit(log.runs[0].results.length ? 0 : 1)' "$work/out.sarif" \
  || fail "devDependency install: empty SARIF"

echo "--- GitHub Action: SARIF to a file"
status=0
out=$(INPUT_PACKAGE="$tarball" INPUT_PATHS="manifests" INPUT_FORMAT=sarif INPUT_OUTPUT="$work/action.sarif" node "$root/test/distribution/run-action.mjs") || status=$?
[ "$status" -eq 1 ] || fail "action: expected exit 1, got $status"
[ "$(tail -1 <<<"$out")" = '{"lint.exit-code":"1"}' ] || fail "action: outputs were $(tail -1 <<<"$out")"
node -e 'const log=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.exit(log.runs[0].results.length ? 0 : 1)' "$work/action.sarif" \
  || fail "action: empty SARIF"

echo "--- GitHub Action: annotations, fail level error"
status=0
out=$(env INPUT_PACKAGE="$tarball" INPUT_PATHS=$'manifests/kube-apiserver.yaml\n  manifests' 'INPUT_FAIL-LEVEL=error' node "$root/test/distribution/run-action.mjs" 2>&1) || status=$?
grep -q '^::error file=manifests/kube-apiserver.yaml,line=' <<<"$out" || fail "action: no error annotation in: $out"

echo "--- GitHub Action: a package that cannot be installed fails loudly"
status=0
out=$(INPUT_PACKAGE="$work/missing.tgz" node "$root/test/distribution/run-action.mjs" 2>&1) || status=$?
[ "$status" -eq 2 ] || fail "action with a missing package: expected exit 2, got $status"
grep -q "^::error title=kube-tls-lint::could not install" <<<"$out" || fail "action with a missing package said: $out"
echo "distribution checks OK"
