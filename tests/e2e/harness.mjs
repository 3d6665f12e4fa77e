// Shared harness for browser tests: a static file server for dist/ on 127.0.0.1 and a
// headless Debian Chromium driven by playwright-core. No request may leave the server's
// origin; the page's console errors are collected.
import { createServer } from "node:http";
import { before, after } from "node:test";
import { createRequire } from "node:module";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "../..");
const require = createRequire(join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` on `port` (default: a free one) of 127.0.0.1; resolves to { url, close }.
 * `dir` may also be an object of URL prefixes to directories ({ "/": dist, "/data/": d }):
 * the longest matching prefix wins.
 */
export async function serve(dir, port = 0) {
  const mounts = Object.entries(typeof dir === "string" ? { "/": dir } : dir)
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    try {
      const url = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
      const [prefix, base] = mounts.find(([p]) => url.startsWith(p)) ?? ["/", null];
      if (base === null) throw new Error("not mounted");
      let file = join(base, url.slice(prefix.length));
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  const bound = server.address().port;
  return { url: `http://127.0.0.1:${bound}/`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Launches headless Chromium. A missing browser is an error, never a skip. `extraArgs`
 * adds flags (the benchmark lifts the frame-rate limit so a frame's time is its work).
 */
export async function launch(extraArgs = []) {
  try {
    await stat(CHROMIUM);
  } catch {
    throw new Error(`no browser at ${CHROMIUM}: run scripts/setup.sh (installs Debian's chromium)`);
  }
  // Playwright gives every launch a fresh, empty profile.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      ...extraArgs,
    ],
  });
}

/** Opens a page that records console errors and every request outside `origin`. */
export async function open(browser, url, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  const origin = new URL(url).origin;
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith("data:")) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  await page.goto(url);
  await page.getByRole("slider", { name: "Time" }).waitFor({ timeout: 20000 });
  return { page, errors, foreign, context };
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests, closes both
 * after. Returns an object whose `server` and `browser` are set once the tests run.
 */
export function withApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serve(join(root, "dist"));
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
