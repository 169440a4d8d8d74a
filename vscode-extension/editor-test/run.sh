#!/usr/bin/env bash
# Opt-in, not part of `npm test` or ctest (it installs ~400 MB and builds native modules):
# installs the .vsix into a real VS Code (code-server 4.100.3, Node 20), opens a Dockerfile
# with problems in Debian's Chromium through playwright-core, and checks that berth's
# diagnostics reach the Problems panel; the screenshot is the evidence.
#   usage: editor-test/run.sh [VSIX]   (default: ../berth-linux-x64.vsix, from `make vsix`)
# Needs: apt packages chromium, libkrb5-dev, ripgrep, g++, make; Node 20 with its headers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vsix="$(realpath "${1:-$here/../berth-linux-x64.vsix}")"
work="${BERTH_EDITOR_DIR:-/tmp/berth-editor-test}"
port="${BERTH_EDITOR_PORT:-8089}"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/drive.mjs" "$work/"
cd "$work"
stamp=node_modules/.berth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # Scripts off: code-server's postinstall would download ripgrep and prebuilt binaries.
  # The same steps by hand, building native modules against Node's own headers.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  export npm_config_yes=true npm_config_nodedir=/usr npm_config_build_from_source=true
  (cd node_modules/code-server && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error &&
    npm rebuild argon2 --loglevel=error)
  (cd node_modules/code-server/lib/vscode &&
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error &&
    npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid --loglevel=error &&
    mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg &&
    rm -rf node_modules.asar && ln -s node_modules node_modules.asar &&
    (cd bin/remote-cli && ln -sf code-linux.sh code-server) &&
    (cd bin/helpers && ln -sf browser-linux.sh browser.sh) &&
    cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp package-lock.json "$stamp"
fi
rm -rf ext ud ws && mkdir -p ext ud/User ws
printf 'FROM ubuntu:latest\nENV DB_PASSWORD=hunter2\nEXPOSE 22\nRUN apt-get update && apt-get install -y curl\n' > ws/Dockerfile
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > config.yaml
echo '{"workbench.startupEditor":"none","security.workspace.trust.enabled":false,"telemetry.telemetryLevel":"off","extensions.autoCheckUpdates":false,"extensions.autoUpdate":false}' > ud/User/settings.json
cs=(node node_modules/code-server/out/node/entry.js --config config.yaml --user-data-dir ud --extensions-dir ext)
"${cs[@]}" --install-extension "$vsix"
test -x ext/berth.berth-*/bin/linux-x64/berth || { echo "the installed binary lost its run bit"; exit 1; }
"${cs[@]}" --disable-telemetry --disable-update-check ws > server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
node drive.mjs "http://127.0.0.1:$port/?folder=$work/ws" "$work/vscode-berth.png"
