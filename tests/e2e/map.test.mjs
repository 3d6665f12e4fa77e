// End-to-end: the map — clusters that zoom in, every site still a named button, zoom to
// fit, the pointer readout, the legend, and the optional tile layer (off by default,
// attributed when on; its requests are the only ones that leave the page's origin).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, root, withApp } from "./harness.mjs";

const app = withApp();

const zoomOf = (url) => Number(new URL(url).hash.match(/v=[^,]+,[^,]+,([\d.]+)/)?.[1]);

test("sites close together form a cluster; clicking it zooms in; every site keeps its button", async () => {
  const { page, errors, foreign } = await open(app.browser, `${app.server.url}#t=2026-01-03T09:20Z&w=day`);
  const cluster = page.locator("button.cluster").first();
  await cluster.waitFor();
  const label = await cluster.getAttribute("aria-label");
  const n = Number(label.match(/^Cluster of (\d+) sites, \d+ events$/)?.[1]);
  assert.ok(n >= 2, label);
  // Each site in the window still has its own named button.
  const count = Number((await page.locator("#time-now").innerText()).match(/at (\d+) sites?/)[1]);
  assert.equal(await page.locator("button.marker").count(), count);
  await page.waitForFunction(() => /v=/.test(location.hash));
  const before = zoomOf(page.url());
  await cluster.click();
  await page.waitForFunction((z) => {
    const m = location.hash.match(/v=[^,]+,[^,]+,([\d.]+)/);
    return m && Number(m[1]) > z;
  }, before, { timeout: 5000 });
  assert.ok(zoomOf(page.url()) > before, "the map zoomed in on the cluster");
  // The buttons are brought in line a slice at a time; once the layer is no longer
  // busy, each site has its button again.
  await page.waitForFunction(() => !document.querySelector(".markers[aria-busy]"));
  assert.equal(await page.locator("button.marker").count(), count);
  // The legend names every category shape; the pointer readout follows the mouse.
  assert.match(await page.locator(".legend").innerText(), /strike[\s\S]*statement/);
  const box = await page.locator(".surface").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  assert.match(await page.locator(".coords").innerText(), /^\d+\.\d{4}° N, \d+\.\d{4}° W$/);
  // Fit: the view frames the sites shown.
  await page.getByRole("button", { name: "Reset view" }).click();
  await page.getByRole("button", { name: "Fit the map to the events shown" }).click();
  await page.waitForFunction(() => /v=-6[67]\.\d+,10\.\d+/.test(location.hash), null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, [], "the embedded basemap needs no network");
});

test("the OpenStreetMap tile layer is off by default; on, it loads tiles and shows its attribution", async () => {
  const { page, errors, foreign } = await open(app.browser, `${app.server.url}#t=2026-01-03T09:20Z&w=day&v=-66.9000,10.4800,11.00`);
  await page.locator("canvas.basemap[data-outlines]").waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator(".tiles img").count(), 0);
  assert.deepEqual(foreign, []);
  const toggle = page.locator(".tiles-toggle");
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await page.locator(".tiles img").first().waitFor({ state: "attached" });
  await page.waitForTimeout(500);
  assert.match(await page.locator(".attribution").innerText(), /Tiles: OpenStreetMap[\s\S]*© OpenStreetMap contributors/);
  // The harness blocks the network: the tile requests were attempted, only to OSM's server.
  assert.ok(foreign.length > 0, "tiles were requested");
  assert.ok(foreign.every((u) => /^https:\/\/tile\.openstreetmap\.org\/11\/\d+\/\d+\.png$/.test(u)), JSON.stringify(foreign.slice(0, 3)));
  await toggle.click();
  assert.equal(await page.locator(".tiles img").count(), 0);
  // Failed tile loads are the app.browser's, not the app's, errors.
  assert.deepEqual(errors.filter((e) => !/tile\.openstreetmap|ERR_FAILED|net::/.test(e)), []);
});

test("a resized window redraws the markers at the new size", async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}#t=2026-01-03T09:20Z&w=day`);
  await page.locator("button.marker").first().waitFor({ state: "attached" });
  const size = () => page.evaluate(() => {
    const c = document.querySelector("canvas.marks");
    return [c.width, Math.round(c.getBoundingClientRect().width * devicePixelRatio)];
  });
  const [w0, css0] = await size();
  assert.equal(w0, css0);
  await page.setViewportSize({ width: 900, height: 760 });
  await page.waitForFunction(() => {
    const c = document.querySelector("canvas.marks");
    return c.width === Math.round(c.getBoundingClientRect().width * devicePixelRatio);
  }, null, { timeout: 5000 });
  const [w1] = await size();
  assert.ok(w1 < w0, `canvas ${w0} → ${w1} px`);
  assert.deepEqual(errors, []);
});

test("a wheel zoom moves the drawn map at once and draws it again at rest; the app's own view changes still move it", async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}#t=2026-01-03T09:20Z&w=day`);
  await page.locator("canvas.basemap[data-outlines]").waitFor();
  await page.waitForFunction(() => /v=/.test(location.hash));
  const z0 = zoomOf(page.url());
  // Dispatched in the page so the check runs in the same task as the wheel.
  const during = await page.evaluate(() => {
    const s = document.querySelector(".surface");
    const r = s.getBoundingClientRect();
    s.dispatchEvent(new WheelEvent("wheel", { deltaY: -120, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, bubbles: true, cancelable: true }));
    return { base: document.querySelector("canvas.basemap").getAttribute("style"), hash: location.hash };
  });
  assert.match(during.base, /matrix\(1\.414/, "the basemap is scaled by a transform at once");
  assert.equal(zoomOf(`http://x/${during.hash}`), z0, "the URL waits for the gesture to rest");
  await page.waitForFunction((z) => Number(location.hash.match(/v=[^,]+,[^,]+,([\d.]+)/)?.[1]) > z + 0.4, z0);
  assert.equal(await page.locator("canvas.basemap").getAttribute("style"), "", "drawn again, no transform left");
  const where = async () => page.locator("button.marker, button.cluster").first().boundingBox();
  const rested = await where();
  // Zoom in and out with the buttons: the view goes back to the one the wheel left.
  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.waitForFunction((z) => Number(location.hash.match(/v=[^,]+,[^,]+,([\d.]+)/)?.[1]) > z + 1.4, z0);
  await page.getByRole("button", { name: "Zoom out" }).click();
  await page.waitForFunction((z) => Number(location.hash.match(/v=[^,]+,[^,]+,([\d.]+)/)?.[1]) < z + 0.6, z0);
  await page.waitForTimeout(400);
  const back = await where();
  assert.ok(Math.abs(back.x - rested.x) < 1 && Math.abs(back.y - rested.y) < 1, `${JSON.stringify(back)} vs ${JSON.stringify(rested)}`);
  assert.deepEqual(errors, []);
});

test("a long drag gets the map drawn again while it goes on, and the URL when it ends", async () => {
  const { page, errors } = await open(app.browser, `${app.server.url}#t=2026-01-03T09:20Z&w=day`);
  await page.locator("canvas.basemap[data-outlines]").waitFor();
  await page.waitForFunction(() => /v=/.test(location.hash));
  const start = page.url();
  // Count the redraws (the basemap's transform cleared) while the pointer is down.
  await page.evaluate(() => {
    window.__redraws = 0;
    const c = document.querySelector("canvas.basemap");
    new MutationObserver(() => { if (c.getAttribute("style") === "") window.__redraws++; }).observe(c, { attributes: true, attributeFilter: ["style"] });
  });
  const box = await page.locator(".surface").boundingBox();
  const [x, y] = [box.x + box.width * 0.7, box.y + box.height * 0.6];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(x - 4 * i, y - 2 * i);
    await page.waitForTimeout(30);
  }
  const during = await page.evaluate(() => window.__redraws);
  await page.mouse.up();
  assert.ok(during >= 1, `the map was drawn again ${during} times during a 1.2 s drag`);
  // At rest: drawn for the final view, which the URL then holds.
  await page.waitForFunction(() => document.querySelector("canvas.basemap").getAttribute("style") === "");
  await page.waitForFunction((u) => location.href !== u, start);
  assert.deepEqual(errors, []);
});
