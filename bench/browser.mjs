// Browser benchmark: loads Vigía's dist/ (built with a corpus) and the Leaflet baseline
// with the same events in headless Chromium, in one session, and measures:
//   time to first marker, scrub step latency (slider key press → frame painted) p50/p95,
//   the main thread's work per frame while scrubbing and while panning and zooming
//   p50/p95, JS heap and wasm memory, extraction speed in the browser, gzipped wasm + JS.
//
//   node bench/browser.mjs [--steps N] [--out FILE] LABEL=DIST[,GEOJSON] ...
//
// GEOJSON (from `vigia export --format geojson`) adds the baseline run for that corpus.
// Chromium runs on its usual 60 Hz frame clock; a frame's work is read from a trace
// (`frameWork`), so it is the page's work rather than the wait for the next tick.
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
// probe, and a two-frame wait.
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
        ch.port1.onmessage = () => {
        const ms = performance.now() - t0;
        performance.mark("bench-probe"); // PROBE_MARK
        done(ms);
      };
        ch.port2.postMessage(0);
      });
    };
    window.addEventListener(type, h, true);
  });
  window.__nextFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
};

// Traced while stepping: the renderer's tasks, the frames it begins and the harness's marks.
const TRACE = "toplevel,devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline.frame";
const MARK = "bench-step";
// Marked by every other task the harness runs in the page (its probes), so that
// `frameWork` leaves them out: the page's work is measured, not the measuring.
const PROBE_MARK = "bench-probe";
const FRAME_MS = 1000 / 60;
const PAN_ROUNDS = 2;

async function traced(cdp, run) {
  const events = [];
  const collect = (d) => events.push(...d.value);
  cdp.on("Tracing.dataCollected", collect);
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: TRACE, transferMode: "ReportEvents" });
  try {
    await run();
  } finally {
    await cdp.send("Tracing.end");
    await done;
    cdp.off("Tracing.dataCollected", collect);
  }
  return events;
}

// The main thread's work per frame, for each step (from one mark to the next): a frame's
// work is the task that renders it (animation callbacks, style, layout, paint, commit)
// plus the tasks that ran in the 60 Hz interval before it since the previous frame (input
// handlers, timers, messages); idle callbacks, which the browser runs only when no frame
// is due, are left out (unless run because their timeout passed), and so are the harness's own tasks in the page (those holding a
// mark: the step marks and the probes). A step's figure is its heaviest frame, or 0 if
// it drew none.
function frameWork(events) {
  const marks = events.filter((e) => e.name === MARK).sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) return [];
  const { pid, tid } = marks[0];
  const mine = events.filter((e) => e.pid === pid && e.tid === tid);
  // An idle callback run because its timeout passed, not in idle time, counts.
  const left = mine.filter((e) => (e.name === "FireIdleCallback" && !e.args?.data?.timedOut) || e.name === MARK || e.name === PROBE_MARK).map((e) => e.ts);
  const begins = mine.filter((e) => e.name === "BeginMainThreadFrame").map((e) => e.ts).sort((a, b) => a - b);
  const tasks = [];
  for (const e of mine.filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask").sort((a, b) => a.ts - b.ts)) {
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.end) continue; // nested in the one before
    tasks.push({ ts: e.ts, end: e.ts + e.dur, frame: false, left: false });
  }
  const within = (ts) => {
    let lo = 0, hi = tasks.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (tasks[m].end < ts) lo = m + 1; else hi = m; }
    return lo < tasks.length && tasks[lo].ts <= ts ? tasks[lo] : null;
  };
  for (const ts of begins) { const t = within(ts); if (t) t.frame = true; }
  for (const ts of left) { const t = within(ts); if (t) t.left = true; }
  const frames = [];
  let from = 0;
  tasks.forEach((t, i) => {
    if (!t.frame) return;
    let work = t.end - t.ts;
    for (let j = i - 1; j >= from; j--) {
      const u = tasks[j];
      if (u.end < t.ts - FRAME_MS * 1000) break;
      if (!u.left) work += u.end - Math.max(u.ts, t.ts - FRAME_MS * 1000);
    }
    frames.push({ end: t.end, work });
    from = i + 1;
  });
  const out = [];
  for (let k = 0; k + 1 < marks.length; k++) {
    let worst = 0;
    for (const f of frames) if (f.end > marks[k].ts && f.end <= marks[k + 1].ts) worst = Math.max(worst, f.work);
    out.push(worst / 1000);
  }
  return out;
}

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

// First marker, scrub steps, pan/zoom frames and memory, in one page.
async function measure(browser, url, kind) {
  const { context, page, cdp, errors, slider } = await load(browser, url);
  const first_marker_ms = await page.evaluate(() => window.__firstMarker);
  const markerSel = kind === "vigia" ? ".marker" : ".leaflet-marker-icon";
  const mark = () => page.evaluate((name) => { performance.mark(name); }, MARK);
  const nextFrame = () => page.evaluate((probe) => { performance.mark(probe); return window.__nextFrame(); }, PROBE_MARK);

  // Scrub: from Home step forward, from End step back.
  const lat = [];
  const shown = [];
  const mismatched = [];
  await slider.focus();
  const scrubWork = [];
  for (const [start, key] of [["Home", "ArrowRight"], ["End", "ArrowLeft"]]) {
    await page.keyboard.press(start);
    await nextFrame();
    scrubWork.push(...frameWork(await traced(cdp, async () => {
      for (let i = 0; i < steps / 2; i++) {
        await page.evaluate((name) => { performance.mark(name); window.__pending = window.__arm("keydown"); }, MARK);
        await page.keyboard.press(key);
        lat.push(await page.evaluate((probe) => { performance.mark(probe); return window.__pending; }, PROBE_MARK));
        if (i % 10 === 0) {
          // Once the markers' buttons are all in line (Vigía's layer is aria-busy until
          // then), each site the window holds must have its button. Light probes, each
          // marked (see `frameWork`): no locator engine and no forced layout.
          await page.waitForFunction((probe) => {
            performance.mark(probe);
            return !document.querySelector("[aria-busy=true]");
          }, PROBE_MARK, { polling: 50 });
          const [count, says] = await page.evaluate(([probe, sel]) => {
            performance.mark(probe);
            return [document.querySelectorAll(sel).length, document.getElementById("time-now")?.textContent ?? ""];
          }, [PROBE_MARK, markerSel]);
          shown.push(count);
          if (kind === "vigia") {
            const sites = Number(says.match(/at (\d+) sites?/)?.[1]);
            if (sites !== count) mismatched.push(`${count} buttons for ${sites} sites`);
          }
        }
      }
      await nextFrame();
      await mark();
    })));
  }
  const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const stats = await page.evaluate(() => window.vigiaStats ?? null);

  // Pan and zoom over the map, at the moment the scrub left: wheel in and out around the
  // centre, 300 ms apart (Leaflet debounces wheel zoom by 40 ms, then animates 250 ms),
  // then a drag, one move per frame. Each step's figure is its heaviest frame up to the
  // next step, so work a library defers to a timer or an animation still counts.
  const box = await page.getByRole("group", { name: "Map" }).boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  // Two rounds (94 steps), so that p95 is not read off the third-worst of a few dozen.
  const panEvents = await traced(cdp, async () => {
    for (let round = 0; round < PAN_ROUNDS; round++) {
      await page.mouse.move(cx, cy);
      for (let i = 0; i < 16; i++) {
        await mark();
        await page.mouse.wheel(0, i < 8 ? -120 : 120);
        await page.waitForTimeout(300);
      }
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      const dir = round % 2 ? -1 : 1;
      for (let i = 0; i < 30; i++) {
        await mark();
        await page.mouse.move(cx + dir * 8 * (i + 1), cy + dir * 4 * (i + 1));
        await nextFrame();
      }
      await mark();
      await page.mouse.up();
      await page.waitForTimeout(300);
    }
    await mark();
  });
  await context.close();
  const panWork = frameWork(panEvents);
  return {
    first_marker_ms: round(first_marker_ms, 0),
    scrub_p50_ms: round(pct(lat, 50)),
    scrub_p95_ms: round(pct(lat, 95)),
    scrub_steps: lat.length,
    scrub_frame_p50_ms: round(pct(scrubWork, 50)),
    scrub_frame_p95_ms: round(pct(scrubWork, 95)),
    markers_shown_avg: round(shown.reduce((a, b) => a + b, 0) / Math.max(1, shown.length), 0),
    buttons_mismatched: mismatched,
    panzoom_frame_p50_ms: round(pct(panWork, 50)),
    panzoom_frame_p95_ms: round(pct(panWork, 95)),
    panzoom_steps: panWork.length,
    js_heap_mb: round(metrics.JSHeapUsedSize / 2 ** 20, 1),
    wasm_memory_mb: stats ? round(stats.wasm_memory_bytes / 2 ** 20, 1) : null,
    events: stats?.events ?? null,
    matcher_ms: stats ? round(stats.matcher_ms, 0) : null,
    extract_mb_s: stats && stats.extract_ms > 0 ? round(stats.bytes / 2 ** 20 / (stats.extract_ms / 1000), 1) : null,
    corpus_mb: stats ? round(stats.bytes / 2 ** 20, 2) : null,
    errors,
  };
}

const browser = await launch(["--run-all-compositor-stages-before-draw"]);
const browserVersion = browser.version();
const results = [];
try {
  for (const t of targets) {
    const row = { label: t.label, sizes: await gzSizes(t.dist) };
    const server = await serve(t.dist);
    try {
      process.stderr.write(`bench: ${t.label}: Vigía …\n`);
      row.vigia = await measure(browser, server.url, "vigia");
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
        row.baseline = await measure(browser, base.url, "baseline");
        row.baseline.events = JSON.parse(await readFile(t.geojson, "utf8")).features.length;
        row.scrub_p95_ratio = row.vigia.scrub_frame_p95_ms > 0 ? round(row.baseline.scrub_frame_p95_ms / row.vigia.scrub_frame_p95_ms, 1) : null;
      } finally {
        await base.close();
      }
    }
    results.push(row);
    process.stderr.write(`bench: ${JSON.stringify(row)}\n`);
  }
} finally {
  await browser.close();
}
const report = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", mem_gb: round(totalmem() / 2 ** 30, 0), node: process.version },
  browser: browserVersion,
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
