#!/usr/bin/env bash
# Builds the static site into dist/ (index.html, wasm, JS, CSS, basemap data).
# Installs what is missing first (scripts/setup.sh). Serve dist/ from any static file server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$root/tools/node_modules/.bin:$PATH"
trunk build --release --offline
echo "build: dist/ ready ($(du -sh dist | cut -f1))" >&2
