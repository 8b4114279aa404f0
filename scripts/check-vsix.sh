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
# vsce stores README.md/CHANGELOG.md as readme.md/changelog.md and LICENSE as LICENSE.txt: compare lower-cased.
lower=$(tr '[:upper:]' '[:lower:]' <<<"$files")
for required in package.json dist/extension.js dist/server.js dist/browserextension.js dist/browserserver.js schemas/kube-tls-lint.schema.json readme.md 'license(\.txt|\.md)?' changelog.md; do
  grep -qxE "$required" <<<"$lower" || { echo "missing from vsix: $required"; exit 1; }
done
unexpected=$(grep -vE '^(package\.json|dist/(extension|server|browserextension|browserserver)\.js|syntaxes/.*|docs/rules/[a-z0-9-]+\.md|schemas/[a-z0-9-]+\.schema\.json|walkthrough/[a-z0-9-]+\.md|readme\.md|license(\.txt|\.md)?|changelog\.md|images/icon\.png)$' <<<"$lower" || true)
[ -z "$unexpected" ] || { echo "unexpected files in vsix:"; echo "$unexpected"; exit 1; }
# Every rule's page is there (hovers, diagnostics and "Show documentation" open it offline), and every walkthrough step.
for page in docs/rules/*.md walkthrough/*.md; do
  grep -qx "$page" <<<"$files" || { echo "missing from vsix: $page"; exit 1; }
done
echo "vsix contents OK"
