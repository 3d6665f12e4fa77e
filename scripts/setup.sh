#!/usr/bin/env bash
# Installs what building, serving and testing Vigía needs, and only what is missing.
# Pinned versions; idempotent: a second run checks and returns in seconds.
# Facts behind each step: ../shared/notes/toolchain.md (kept in sync with docs/toolchain.md).
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen` pin in Cargo.toml
BINARYEN_VERSION=132

root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/tools"
# cargo install puts binaries in $CARGO_INSTALL_ROOT/bin (default ~/.cargo/bin).
bin_dir="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
export PATH="$bin_dir:$HOME/.cargo/bin:$tools/node_modules/.bin:$PATH"

say() { printf 'setup: %s\n' "$*" >&2; }
timed() { # timed "what" cmd...
  local what=$1; shift
  local t0=$SECONDS
  say "installing $what (first time only) ..."
  "$@"
  say "installed $what in $((SECONDS - t0)) s"
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. wasm32 target
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  timed "rust target wasm32-unknown-unknown (~10 s)" rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, pinned: 0.22 needs a newer rustc than 1.95.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  timed "trunk $TRUNK_VERSION (~11 min on 2 cores)" cargo install --quiet --locked "trunk@$TRUNK_VERSION"
fi

# 3. wasm-bindgen CLI, equal to the crate version (`--locked` fails for 0.2.130 on this registry).
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  timed "wasm-bindgen-cli $WASM_BINDGEN_VERSION (~7 min)" cargo install --quiet --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# 4. wasm-opt from npm binaryen (Debian's is too old for rustc 1.95 output), plus
#    playwright-core to drive the system Chromium in end-to-end tests.
if [ ! -x "$tools/node_modules/.bin/wasm-opt" ] || [ ! -d "$tools/node_modules/playwright-core" ] \
   || ! (cd "$tools" && npm ls --depth=0 >/dev/null 2>&1); then
  timed "wasm-opt (binaryen@$BINARYEN_VERSION) and playwright-core from npm (~30 s)" \
    bash -c "cd '$tools' && npm ci --no-audit --no-fund --loglevel=error"
fi

# 5. Chromium and ChromeDriver from Debian (test tools cannot download their own browser here).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  timed "chromium and chromium-driver from apt (~1-2 min)" bash -c \
    "$(declare -f as_root); as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null"
fi

say "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null)"
