#!/usr/bin/env bash
# The step of the composite GitHub Action (action.yml): installs the CLI from npm and runs it
# with the action's inputs. Any failure to install fails the step loudly.
set -euo pipefail
action_dir="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this as a GitHub Action step}"
package="${INPUT_PACKAGE:-}"
if [ -z "$package" ]; then
  package="kube-tls-lint@$(node -p "require(process.argv[1]).version" "$action_dir/package.json")"
fi
prefix="${RUNNER_TEMP:-$(mktemp -d)}/kube-tls-lint"
if ! npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel error "$package" >/dev/null; then
  echo "::error title=kube-tls-lint::could not install $package"
  exit 2
fi
cli="$prefix/bin/kube-tls-lint"
[ -x "$cli" ] || { echo "::error title=kube-tls-lint::$package has no kube-tls-lint command"; exit 2; }

args=(--format "${INPUT_FORMAT:-github}" --fail-level "${INPUT_FAIL_LEVEL:-warning}")
# Paths are separated by white space (spaces or new lines in the workflow file).
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
[ ${#paths[@]} -gt 0 ] || paths=(.)

status=0
if [ -n "${INPUT_OUTPUT:-}" ]; then
  "$cli" "${args[@]}" -- "${paths[@]}" >"$INPUT_OUTPUT" || status=$?
  echo "kube-tls-lint wrote $INPUT_OUTPUT"
else
  "$cli" "${args[@]}" -- "${paths[@]}" || status=$?
fi
[ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-code=$status" >>"$GITHUB_OUTPUT"
exit "$status"
