#!/usr/bin/env bash
# Checks the packaged extension: the expected files only, and under 1 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
vsix=$(ls -t kube-tls-lint-*.vsix | head -1)
size=$(stat -c %s "$vsix")
echo "$vsix: $size bytes"
[ "$size" -lt 1048576 ] || { echo "vsix is over 1 MB"; exit 1; }
files=$(unzip -Z1 "$vsix" | grep '^extension/' | sed 's#^extension/##' | sort)
echo "$files"
for required in package.json dist/extension.js dist/server.js README.md LICENSE CHANGELOG.md; do
  grep -qx "$required" <<<"$files" || { echo "missing from vsix: $required"; exit 1; }
done
unexpected=$(grep -vE '^(package\.json|dist/(extension|server)\.js|syntaxes/.*|README\.md|LICENSE(\.txt)?|CHANGELOG\.md|images/icon\.png)$' <<<"$files" || true)
[ -z "$unexpected" ] || { echo "unexpected files in vsix:"; echo "$unexpected"; exit 1; }
echo "vsix contents OK"
