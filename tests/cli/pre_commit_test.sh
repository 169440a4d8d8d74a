#!/usr/bin/env bash
# The pre-commit hook for real: a temporary git repository with a bad Dockerfile runs
# `pre-commit try-repo` against a hooks repository holding this checkout's
# .pre-commit-hooks.yaml (committed there, so the test does not depend on whether the file is
# committed here yet: try-repo clones HEAD and adds only tracked changes). The hook must fail,
# then pass once `berth check --fix` has fixed the file. `language: system` finds berth on
# PATH, so the build directory goes first on it.
# Usage: pre_commit_test.sh BERTH_BINARY REPOSITORY
set -euo pipefail
berth=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$2
if ! command -v pre-commit >/dev/null; then
  echo "pre-commit is not installed: run scripts/install-deps.sh (Debian package pre-commit)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$(dirname "$berth"):$PATH"
export PRE_COMMIT_HOME=$work/cache HOME=$work/home
export GIT_AUTHOR_NAME=berth GIT_AUTHOR_EMAIL=berth@example.invalid
export GIT_COMMITTER_NAME=berth GIT_COMMITTER_EMAIL=berth@example.invalid
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"

hooks=$work/hooks
git init -q "$hooks"
cp "$repo/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks

project=$work/project
git init -q "$project"
cd "$project"
# A warning (the hook fails at the default --fail-on warning) whose fix is safe: no -y.
printf 'FROM debian:bookworm-slim\nUSER 10001\nHEALTHCHECK NONE\nRUN apt-get update && apt-get install curl\n' > Dockerfile
printf 'on: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n' > ci.yml
git add -A

status=0
pre-commit try-repo "$hooks" berth --all-files > "$work/first.log" 2>&1 || status=$?
cat "$work/first.log"
if [ "$status" -eq 0 ] || ! grep -q "berth.*Failed" "$work/first.log"; then
  echo "FAIL: the hook should have failed on the bad Dockerfile" >&2
  exit 1
fi
grep -q "Dockerfile:4:23: warning: .*DF511" "$work/first.log" || {
  echo "FAIL: the hook output does not show berth's finding" >&2
  exit 1
}

# `berth check --fix` applies the safe fixes; then the hook passes.
berth check --fix -q Dockerfile
grep -q "apt-get install --no-install-recommends -y curl" Dockerfile
git add -A
status=0
pre-commit try-repo "$hooks" berth --all-files > "$work/second.log" 2>&1 || status=$?
cat "$work/second.log"
if [ "$status" -ne 0 ] || ! grep -q "berth.*Passed" "$work/second.log"; then
  echo "FAIL: the hook should pass after the fix" >&2
  exit 1
fi
echo "pre-commit: hook failed on the bad Dockerfile and passed after the fix"
