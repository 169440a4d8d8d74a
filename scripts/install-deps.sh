#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test berth: Debian packages and the
# pinned npm grammars. Idempotent, and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang-14 and libclang-rt-14-dev: the sanitized and libFuzzer build (make test-sanitize,
# make fuzz-smoke). The tree-sitter runtime comes from npm with the grammars (grammars/).
apt_packages=(cmake ninja-build g++ make libyaml-cpp-dev
  libboost-program-options-dev nlohmann-json3-dev llvm-dev doctest-dev nodejs npm
  git pre-commit strace python3 clang-14 libclang-rt-14-dev)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A node/npm from outside Debian (e.g. a preinstalled toolchain) is as good as Debian's.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs/}"); missing=("${missing[@]/npm/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Grammars: `npm ci` only when the lock file changed since the last install.
stamp=grammars/node_modules/.berth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s grammars/package-lock.json "$stamp"; then
  echo "install-deps: npm ci in grammars/"
  (cd grammars && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp grammars/package-lock.json "$stamp"
fi

# SARIF validators for the tests (tests/sarif): ajv with the draft-04 schema support, and
# Microsoft's SARIF Multitool (a self-contained .NET executable inside its npm package).
# Scripts stay off; the Multitool's postinstall would only have made its binary executable.
stamp=tests/sarif/node_modules/.berth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s tests/sarif/package-lock.json "$stamp"; then
  echo "install-deps: npm ci in tests/sarif/"
  (cd tests/sarif && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp tests/sarif/package-lock.json "$stamp"
fi
multitool=tests/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ -f "$multitool" ] && [ ! -x "$multitool" ]; then chmod u+x "$multitool"; fi

# The VS Code extension (vscode-extension/): TypeScript, esbuild, vsce and the language
# client, for its tests (ctest label vscode) and `make vsix`. Scripts stay off: esbuild finds
# its binary through its platform package without its postinstall.
stamp=vscode-extension/node_modules/.berth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s vscode-extension/package-lock.json "$stamp"; then
  echo "install-deps: npm ci in vscode-extension/"
  (cd vscode-extension && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp vscode-extension/package-lock.json "$stamp"
fi

# LSP end-to-end tests: the pinned client library, the same way (npm ci, lock-file stamp).
lsp_stamp=tests/lsp-e2e/node_modules/.berth-lock-stamp
if [ ! -f "$lsp_stamp" ] || ! cmp -s tests/lsp-e2e/package-lock.json "$lsp_stamp"; then
  echo "install-deps: npm ci in tests/lsp-e2e/"
  (cd tests/lsp-e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp tests/lsp-e2e/package-lock.json "$lsp_stamp"
fi
