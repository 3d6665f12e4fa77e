// Browser benchmark: loads Vigía's dist/ (built with a corpus) and the Leaflet baseline
// with the same events in headless Chromium, in one session, and measures:
//   time to first marker, scrub step latency (slider key press → frame painted) p50/p95,
//   pan/zoom frame time p95, JS heap and wasm memory, extraction speed in the browser,
//   gzipped wasm + JS.
//
//   node bench/browser.mjs [--steps N] [--out FILE] LABEL=DIST[,GEOJSON] ...
//
// GEOJSON (from `vigia export --format geojson`) adds the baseline run for that corpus.
// Load, scrub and memory are measured in a Chromium on its usual 60 Hz frame clock; pan/zoom
// frames in a second one with the frame-rate limit lifted, so a frame's interval is its work
// rather than the wait for the next tick (see `measure`).
import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join, dirname, resolve } from "node:path";
import { cpus, totalmem } from "node:os";
import { serve, launch, root } from "../tests/e2e/harness.mjs";

const args = process.argv.slice(2);
let steps = 100;
let out = null;
const targets = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--steps") steps = Number(args[++i]);
  else if (args[i] === "--out") out = args[++i];
  else {
    const [label, rest] = args[i].split("=");
    const [dist, geojson] = (rest ?? "").split(",");
    if (!label || !dist) throw new Error(`bad target ${args[i]}: LABEL=DIST[,GEOJSON]`);
    targets.push({ label, dist: resolve(dist), geojson: geojson ? resolve(geojson) : null });
  }
}
if (!targets.length || !(steps > 0)) {
  console.error("usage: node bench/browser.mjs [--steps N] [--out FILE] LABEL=DIST[,GEOJSON] ...");
  process.exit(2);
}

// Injected before any page script: the first marker's time, an input → painted-frame
// probe, and a frame recorder.
const PROBE = () => {
  window.__firstMarker = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector(".marker, .leaflet-marker-icon")) {
      window.__firstMarker = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  // Resolves with the time from the next `type` event to the end of the frame it causes.
  window.__arm = (type) => new Promise((done) => {
    const h = (e) => {
      window.removeEventListener(type, h, true);
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => done(performance.now() - t0);
        ch.port2.postMessage(0);
      });
    };
    window.addEventListener(type, h, true);
  });
  window.__frames = { times: [], on: false };
  window.__recordFrames = () => {
    const f = window.__frames;
    f.times = [];
    f.on = true;
    const tick = (t) => { f.times.push(t); if (f.on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  };
  window.__nextFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
};

// The flags of the browser that measures pan/zoom frames.
const UNPACED = ["--disable-frame-rate-limit", "--disable-gpu-vsync", "--run-all-compositor-stages-before-draw"];

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x, d = 2) => (x === null || x === undefined ? null : Number(x.toFixed(d)));

async function gzSizes(dir) {
  const files = await readdir(dir);
  let wasm = 0, js = 0;
  for (const f of files) {
    if (!f.endsWith(".wasm") && !f.endsWith(".js")) continue;
    const gz = gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
    if (f.endsWith(".wasm")) wasm += gz;
    else if (f.endsWith(".js")) js += gz;
  }
  return { wasm_gz_kb: round(wasm / 1024, 1), js_gz_kb: round(js / 1024, 1) };
}

// Opens the app in a new context and waits for the slider and the first marker.
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const origin = new URL(url).origin;
  await page.route("**/*", (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort()));
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url);
  const slider = page.getByRole("slider", { name: "Time" });
  await slider.waitFor({ timeout: Number(process.env.BENCH_TIMEOUT_MS ?? 180_000) });
  await page.waitForFunction(() => window.__firstMarker !== null, null, { timeout: Number(process.env.BENCH_TIMEOUT_MS ?? 180_000) });
  return { context, page, cdp, errors, slider };
}

// First marker, scrub steps, memory: in `paced`, a browser on its usual 60 Hz frame clock.
// Pan/zoom frames: in `unpaced`, with the frame-rate limit lifted, where a frame's
// interval is its work rather than the 60 Hz tick. The scrub is measured per input, which
// needs no lifted limit; and a lifted limit has the compositor start frames back to back
// even on an idle page (thousands a second), which on a 2-core machine takes the CPU the
// page's own work needs.
async function measure(paced, unpaced, url, kind) {
  const { context, page, cdp, errors, slider } = await load(paced, url);
  const first_marker_ms = await page.evaluate(() => window.__firstMarker);
  const markerSel = kind === "vigia" ? ".marker" : ".leaflet-marker-icon";

  // Scrub: from Home step forward, from End step back.
  const lat = [];
  const shown = [];
  await slider.focus();
  for (const [start, key] of [["Home", "ArrowRight"], ["End", "ArrowLeft"]]) {
    await page.keyboard.press(start);
    await page.evaluate(() => window.__nextFrame());
    for (let i = 0; i < steps / 2; i++) {
      await page.evaluate(() => { window.__pending = window.__arm("keydown"); });
      await page.keyboard.press(key);
      lat.push(await page.evaluate(() => window.__pending));
      if (i % 10 === 0) shown.push(await page.locator(markerSel).count());
    }
  }

  const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const stats = await page.evaluate(() => window.vigiaStats ?? null);
  await context.close();
  const frames = await panZoom(unpaced, url, errors);
  return {
    first_marker_ms: round(first_marker_ms, 0),
    scrub_p50_ms: round(pct(lat, 50)),
    scrub_p95_ms: round(pct(lat, 95)),
    scrub_steps: lat.length,
    markers_shown_avg: round(shown.reduce((a, b) => a + b, 0) / Math.max(1, shown.length), 0),
    panzoom_frame_p95_ms: round(pct(frames, 95)),
    panzoom_steps: frames.length,
    js_heap_mb: round(metrics.JSHeapUsedSize / 2 ** 20, 1),
    wasm_memory_mb: stats ? round(stats.wasm_memory_bytes / 2 ** 20, 1) : null,
    events: stats?.events ?? null,
    matcher_ms: stats ? round(stats.matcher_ms, 0) : null,
    extract_mb_s: stats && stats.extract_ms > 0 ? round(stats.bytes / 2 ** 20 / (stats.extract_ms / 1000), 1) : null,
    corpus_mb: stats ? round(stats.bytes / 2 ** 20, 2) : null,
    errors,
  };
}

// Pan and zoom over the map: wheel in and out around the centre, then a drag. Frames are
// recorded throughout; each step's figure is its longest frame, taken up to the next step
// (so work a library defers to a timer or an animation still counts). The time is first set
// where the scrub ended.
async function panZoom(browser, url, errors) {
  const { context, page, errors: more, slider } = await load(browser, url);
  // At the moment the scrub left the other page: End, then half the steps back.
  await slider.focus();
  await page.keyboard.press("End");
  for (let i = 0; i < steps / 2; i++) await page.keyboard.press("ArrowLeft");
  await page.evaluate(() => window.__nextFrame());
  const box = await page.getByRole("group", { name: "Map" }).boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.evaluate(() => window.__recordFrames());
  const marks = [];
  const mark = () => page.evaluate(() => performance.now()).then((t) => marks.push(t));
  for (let i = 0; i < 16; i++) {
    await mark();
    await page.mouse.wheel(0, i < 8 ? -120 : 120);
    await page.waitForTimeout(300); // Leaflet debounces wheel zoom by 40 ms, then animates 250 ms
  }
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 30; i++) {
    await mark();
    await page.mouse.move(cx + 8 * (i + 1), cy + 4 * (i + 1));
    await page.evaluate(() => window.__nextFrame());
  }
  await mark();
  await page.mouse.up();
  await page.waitForTimeout(300);
  await mark();
  const stamps = await page.evaluate(() => { window.__frames.on = false; return window.__frames.times; });
  const frames = [];
  for (let k = 0; k + 1 < marks.length; k++) {
    let worst = 0;
    for (let j = 1; j < stamps.length; j++) {
      if (stamps[j] > marks[k] && stamps[j] <= marks[k + 1]) worst = Math.max(worst, stamps[j] - stamps[j - 1]);
    }
    frames.push(worst);
  }
  await context.close();
  errors.push(...more);
  return frames;
}

const paced = await launch(["--run-all-compositor-stages-before-draw"]);
const unpaced = await launch(UNPACED);
const browserVersion = paced.version();
const results = [];
try {
  for (const t of targets) {
    const row = { label: t.label, sizes: await gzSizes(t.dist) };
    const server = await serve(t.dist);
    try {
      process.stderr.write(`bench: ${t.label}: Vigía …\n`);
      row.vigia = await measure(paced, unpaced, server.url, "vigia");
    } finally {
      await server.close();
    }
    if (t.geojson) {
      const lib = join(root, "tools/node_modules");
      const base = await serve({
        "/": join(root, "bench/baseline"),
        "/leaflet/": join(lib, "leaflet/dist"),
        "/markercluster/": join(lib, "leaflet.markercluster/dist"),
        "/data/events.geojson": t.geojson,
        "/data/region.json": join(root, "www/basemap/region.json"),
      });
      try {
        process.stderr.write(`bench: ${t.label}: Leaflet baseline …\n`);
        row.baseline = await measure(paced, unpaced, base.url, "baseline");
        row.baseline.events = JSON.parse(await readFile(t.geojson, "utf8")).features.length;
        row.scrub_p95_ratio = row.vigia.scrub_p95_ms > 0 ? round(row.baseline.scrub_p95_ms / row.vigia.scrub_p95_ms, 1) : null;
      } finally {
        await base.close();
      }
    }
    results.push(row);
    process.stderr.write(`bench: ${JSON.stringify(row)}\n`);
  }
} finally {
  await paced.close();
  await unpaced.close();
}
const report = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", mem_gb: round(totalmem() / 2 ** 30, 0), node: process.version },
  browser: browserVersion,
  unpaced_flags: UNPACED,
  steps,
  results,
};
if (out) {
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, JSON.stringify(report, null, 2) + "\n");
}
console.log(JSON.stringify(report, null, 2));

// A run that measured nothing is a failure, not a row of dashes.
const problems = [];
for (const r of results) {
  for (const [app, x] of [["vigia", r.vigia], ["baseline", r.baseline]]) {
    if (!x) continue;
    if (x.errors.length) problems.push(`${r.label} ${app}: page errors: ${x.errors.join("; ")}`);
    for (const k of ["first_marker_ms", "scrub_p95_ms", "panzoom_frame_p95_ms", "js_heap_mb"]) {
      if (!(x[k] >= 0)) problems.push(`${r.label} ${app}: no ${k}`);
    }
    if (!(x.events > 0)) problems.push(`${r.label} ${app}: no events`);
  }
}
if (problems.length) {
  console.error(`bench: FAILED\n${problems.join("\n")}`);
  process.exit(1);
}
