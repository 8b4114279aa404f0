#!/usr/bin/env bash
# Runs the repository's pre-commit hook (.pre-commit-hooks.yaml) as users get it: pre-commit's
# `try-repo` installs it with language: node on the system Node.js, then runs it on staged files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (apt-get install pre-commit)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
mkdir "$work/repo"
cd "$work/repo"
git init -q
cp "$root/examples/kube-apiserver.yaml" insecure.yaml
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n' >clean.yaml
git add .

# One run (installing the hook takes a while): the insecure file fails it, the clean one passes through.
status=0
out=$(pre-commit try-repo "$root" kube-tls-lint --files insecure.yaml clean.yaml 2>&1) || status=$?
echo "$out" | tail -5
[ "$status" -eq 1 ] || { echo "FAILED: expected the hook to fail on insecure.yaml (exit $status)"; exit 1; }
grep -q '^insecure.yaml:16:7 error --secure-port=0 ' <<<"$out" || { echo "FAILED: the finding is missing"; exit 1; }
grep -qE ' in 2 files scanned\.$' <<<"$out" || { echo "FAILED: both files were not checked"; exit 1; }
echo "pre-commit hook OK"
