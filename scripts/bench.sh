#!/usr/bin/env bash
# Runs every benchmark and regenerates BENCHMARKS.md:
#   criterion (gazetteer matching, extraction, timeline queries at 1k/10k/100k events),
#   synthetic corpora from `vigia synth` (1k, 10k, 100k events), a dist/ built with each,
#   and the browser benchmark (bench/browser.mjs) against Vigía and the Leaflet baseline.
#
#   bash scripts/bench.sh           # full run, writes BENCHMARKS.md (~20 min on 2 cores)
#   bash scripts/bench.sh --smoke   # tiny corpus, few steps, writes target/bench/smoke.md
#
# Work files go to target/bench/. Not part of scripts/test.sh except the smoke run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-full}
t0=$SECONDS
step() { printf '\n== bench: %s (%ss)\n' "$*" "$((SECONDS - t0))" >&2; }

bash scripts/setup.sh
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$HOME/.cargo/bin:$root/tools/node_modules/.bin:$PATH"
work="$root/target/bench"
mkdir -p "$work"

step "vigia CLI (release)"
cargo build --release --locked --bin vigia
vigia="$root/target/release/vigia"

# label sites events reports
if [ "$mode" = "--smoke" ]; then
  corpora=("tiny 900 300 6")
  steps=10
  benches=()
  out_md="$work/smoke.md"
else
  corpora=("1k 250 1000 20" "10k 1000 10000 200" "100k 5000 100000 2000")
  steps=200
  criterion_args=(--warm-up-time 1 --measurement-time 4)
  benches=(--bench matcher --bench extraction --bench timeline)
  out_md="$root/BENCHMARKS.md"
fi

if [ ${#benches[@]} -gt 0 ]; then
  step "criterion: ${benches[*]}"
  cargo bench --locked "${benches[@]}" -- "${criterion_args[@]}" 2>&1 | grep -E '^[a-z].*/|time:|thrpt:' >&2 || true
fi

targets=()
for spec in "${corpora[@]}"; do
  read -r label sites events reports <<<"$spec"
  dir="$work/corpus-$label"
  step "synthetic corpus $label: $sites sites, $events events, $reports reports"
  rm -rf "$dir" "$work/dist-$label"
  "$vigia" synth --sites "$sites" --events "$events" --reports "$reports" --seed 1 "$dir" >"$dir.manifest.json"
  extra=()
  [ -f "$dir/gazetteer/sites.csv" ] && extra=(--gazetteer-extra "$dir/gazetteer/sites.csv")
  "$vigia" export --format geojson "${extra[@]}" "$dir"/reports/*.txt >"$dir.geojson"
  step "dist with corpus $label"
  VIGIA_CORPUS_DIR="$dir" trunk build --release --offline --dist "$work/dist-$label" >/dev/null
  targets+=("$label=$work/dist-$label,$dir.geojson")
done

if [ "$mode" != "--smoke" ]; then
  step "dist with the bundled reports"
  trunk build --release --offline --dist "$work/dist-seed" >/dev/null
  "$vigia" export --format geojson >"$work/seed.geojson"
  targets=("seed=$work/dist-seed,$work/seed.geojson" "${targets[@]}")
fi

step "browser benchmark (${#targets[@]} corpora, $steps scrub steps each)"
node bench/browser.mjs --steps "$steps" --out "$work/browser.json" "${targets[@]}" >/dev/null

# The app must find about as many events as the generator wrote, and give each site in
# the window its button.
node -e '
  const fs = require("fs");
  const run = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  let bad = 0;
  for (const r of run.results) {
    const m = process.argv[2] + "/corpus-" + r.label + ".manifest.json";
    if (!fs.existsSync(m)) continue;
    const planned = JSON.parse(fs.readFileSync(m, "utf8")).events_planned;
    const ratio = r.vigia.events / planned;
    console.error(`bench: ${r.label}: ${r.vigia.events} events in the browser of ${planned} written`);
    if (Math.abs(1 - ratio) > 0.05) { console.error("bench: FAILED: more than 5% off"); bad = 1; }
    const mm = r.vigia.buttons_mismatched ?? [];
    if (mm.length) { console.error(`bench: FAILED: ${r.label}: marker buttons not those of the window: ${mm.join("; ")}`); bad = 1; }
  }
  process.exit(bad);
' "$work/browser.json" "$work"

step "report"
node bench/report.mjs "$work/browser.json" "$root/target/criterion" "$out_md" "$mode"
step "done: $out_md"
