#!/usr/bin/env bash
# Sets everything up, builds dist/ and serves it on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8080}"
