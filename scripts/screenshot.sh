#!/usr/bin/env bash
# Regenerates docs/screenshot.png, the README's picture: the packaged extension in code-server
# (test/e2e/run-offline.sh screenshot), a kube-apiserver manifest with its squiggles, the hover
# on the --secure-port=0 error (message, why, how to fix, sources) and the Problems panel.
# With pngquant (Debian package `pngquant`) the PNG is reduced to 256 colours (a fraction of the size).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshot.png}"
raw=$(mktemp --suffix=.png)
trap 'rm -f "$raw"' EXIT
E2E_SHOT_TOP="${E2E_SHOT_TOP:-12}" E2E_SHOT_HOVER="${E2E_SHOT_HOVER:-error}" \
  bash test/e2e/run-offline.sh screenshot test/e2e/fixtures/workspace/control-plane/kube-apiserver.yaml "$raw"
if command -v pngquant >/dev/null; then
  pngquant --force --strip --speed 1 --output "$out" 256 -- "$raw"
else
  cp "$raw" "$out"
fi
echo "$out: $(stat -c %s "$out") bytes"
