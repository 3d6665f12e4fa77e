#!/usr/bin/env bash
# Sets everything up and runs every check: formatting, clippy, native unit, component and
# CLI tests, the wasm build, and the end-to-end tests in headless Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
t0=$SECONDS
step() { printf '\n== %s (%ss)\n' "$*" "$((SECONDS - t0))" >&2; }

step "setup"
bash scripts/setup.sh
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$root/tools/node_modules/.bin:$PATH"

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings
step "cargo clippy (wasm app)"
cargo clippy --target wasm32-unknown-unknown --bin vigia-web --locked -- -D warnings
step "cargo test"
cargo test --locked
step "trunk build --release --offline"
trunk build --release --offline
step "end-to-end tests in headless Chromium"
node --test tests/e2e/
step "benchmark smoke run (generator, synthetic dist, browser benchmark on a tiny corpus)"
bash scripts/bench.sh --smoke
step "all checks passed"
