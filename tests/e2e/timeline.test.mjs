// End-to-end: the timeline (histogram, zoomable axis, window, zones, playback) and the
// view in the URL, in a real headless Chromium against the built dist/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { open, root, withApp } from "./harness.mjs";

const app = withApp();

const markerNames = async (page) =>
  (await page.locator(".marker").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label").split(",")[0]))).sort();

test("zooming the axis to the night of 3 January separates the liveblog entries by minute", async () => {
  // The liveblog of report 000 runs from 07:08 to 09:20 UTC; start at one of its entries.
  const { page, errors } = await open(app.browser, app.server.url + "#t=2026-01-03T07:44Z");
  // Keyboard only: Tab to the zoom button and press it until the axis spans minutes.
  const zoomIn = page.getByRole("button", { name: "Zoom timeline in" });
  for (let i = 0; i < 12; i++) {
    await zoomIn.focus();
    await page.keyboard.press("Enter");
  }
  const hist = page.getByRole("img", { name: /^Events over time/ });
  const label = await hist.getAttribute("aria-label");
  const [, from, to] = label.match(/(\d{4}-\d\d-\d\d \d\d:\d\d) UTC to (\d{4}-\d\d-\d\d \d\d:\d\d) UTC/);
  const span = (Date.parse(to.replace(" ", "T") + "Z") - Date.parse(from.replace(" ", "T") + "Z")) / 60000;
  assert.ok(span <= 60, `axis spans ${span} minutes: ${label}`);
  // Tick labels are clock times.
  const ticks = await page.locator(".tick-label").allInnerTexts();
  assert.ok(ticks.filter((t) => /^\d\d:\d\d$/.test(t)).length >= 3, `clock ticks: ${ticks}`);

  // Every minute-precision event of the liveblog inside the axis has its own bar. The
  // events come from the CLI (built by `cargo test`), the same extraction as the app's.
  const exported = JSON.parse(execFileSync(join(root, "target/debug/vigia"), ["export", "--format", "geojson"], { encoding: "utf8" }));
  const lo = Date.parse(from.replace(" ", "T") + "Z"), hi = Date.parse(to.replace(" ", "T") + "Z");
  const minutes = [...new Set(exported.features
    .map((f) => f.properties)
    .filter((p) => p.report_id.startsWith("000_") && p.time_precision === "minute")
    .map((p) => Date.parse(p.time_start))
    .filter((t) => t >= lo && t < hi))];
  assert.ok(minutes.length >= 3, `liveblog minutes on the axis: ${minutes.length}`);
  const bins = await page.locator("g.bin").evaluateAll((gs) => gs.map((g) => Date.parse(g.dataset.start)));
  const binMinutes = bins.map((t) => Math.floor(t / 60000) * 60000);
  assert.equal(new Set(binMinutes).size, bins.length, "no two bars share a minute");
  for (const m of minutes) {
    assert.ok(binMinutes.includes(m), `a bar at ${new Date(m).toISOString()}`);
  }
  // Back to the whole timeline.
  await page.getByRole("button", { name: "Whole timeline" }).click();
  assert.ok((await page.locator(".tick-label").allInnerTexts()).includes("2020"));
  assert.deepEqual(errors, []);
});

test("the day window at 30 April 2019 shows La Carlota and Caracas only; cumulative keeps the past", async () => {
  const { page, errors } = await open(app.browser, app.server.url + "#t=2019-04-30T12:00Z&w=day");
  await page.locator(".marker").first().waitFor();
  assert.deepEqual(await markerNames(page), ["Caracas", "La Carlota"]);
  // The two sites of that day; how many reports speak of them is the extraction's to say.
  assert.match(await page.locator("#time-now").innerText(), /^2019-04-30 12:00 UTC · \d+ events at 2 sites/);

  // Cumulative at the end: every site so far, the ones outside the day faded.
  await page.getByRole("combobox", { name: "Mode" }).selectOption({ label: "cumulative" });
  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("End");
  await page.getByRole("button", { name: /^Fuerte Tiuna\b/ }).waitFor();
  assert.ok((await page.locator(".marker.faded").count()) > 0, "older sites are faded");
  assert.ok(await page.getByRole("button", { name: /^La Carlota\b/ }).count());
  assert.deepEqual(errors, []);
});

test("time zones, playback and the live region", async () => {
  const { page, errors } = await open(app.browser, app.server.url + "#t=2026-01-03T07:21Z");
  const now = page.locator("#time-now");
  assert.match(await now.innerText(), /^2026-01-03 07:21 UTC/);
  await page.getByRole("combobox", { name: "Time zone" }).selectOption({ label: "Venezuela (Caracas)" });
  assert.match(await now.innerText(), /^2026-01-03 03:21 Caracas \(UTC−04:00\)/);
  const live = page.locator("[aria-live=polite]");
  assert.match(await live.innerText(), /03:21 Caracas/);

  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("Home");
  await page.getByRole("combobox", { name: "Speed" }).selectOption({ label: "1 month/s" });
  const before = await now.innerText();
  await page.getByRole("button", { name: "Play" }).click();
  assert.equal(await live.innerText(), "Playing");
  await page.waitForTimeout(600);
  await page.getByRole("button", { name: "Pause" }).click();
  const after = await now.innerText();
  assert.notEqual(after, before, "time moved while playing");
  assert.equal(await live.innerText(), after, "the pause announces where it stopped");

  await page.getByRole("button", { name: "Jump to the busiest window" }).click();
  assert.match(await now.innerText(), /^2026-01-0\d/);
  assert.deepEqual(errors, []);
});

test("a copied URL reopens the same view; Back and Forward walk through selections", async () => {
  const { page, errors } = await open(app.browser, app.server.url);
  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("End");
  await page.getByRole("combobox", { name: "Window" }).selectOption({ label: "1 week" });
  await page.getByRole("combobox", { name: "Time zone" }).selectOption({ label: "Venezuela (Caracas)" });
  await page.getByRole("button", { name: "Zoom in" }).click();
  // Markers crowd at this zoom: open them from the keyboard, as the interface allows.
  const openSite = async (p, name) => {
    await p.getByRole("button", { name: new RegExp(`^${name}\\b`) }).focus();
    await p.keyboard.press("Enter");
  };
  await openSite(page, "Fuerte Tiuna");
  await page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor();
  const url = page.url();
  assert.match(url, /#t=.*&w=week&m=window&z=caracas&s=fuerte-tiuna&v=/);
  const text = await page.locator("#time-now").innerText();
  const markers = await markerNames(page);

  const copy = await open(app.browser, url);
  await copy.page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor();
  assert.equal(await copy.page.locator("#time-now").innerText(), text);
  assert.deepEqual(await markerNames(copy.page), markers);
  assert.equal(copy.page.url(), url);

  // Open another site: Back returns to Fuerte Tiuna, Back again closes, Forward reopens.
  await openSite(page, "La Carlota");
  await page.getByRole("region", { name: "La Carlota" }).waitFor();
  await page.goBack();
  await page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor();
  await page.goBack();
  await page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor({ state: "detached" });
  await page.goForward();
  await page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(copy.errors, []);
});

test("after a burst of scrub steps the marker buttons are those of the window shown", async () => {
  const { page, errors } = await open(app.browser, app.server.url + "#t=2026-01-03T07:44Z&w=day");
  await page.locator(".marker").first().waitFor();
  const before = await markerNames(page);
  // Steps dispatched in one task, faster than frames: the buttons follow the last one.
  await page.getByRole("slider", { name: "Time" }).evaluate((slider) => {
    for (const key of ["ArrowLeft", "End", "PageDown", "Home", "ArrowRight", "ArrowLeft"]) {
      slider.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    }
  });
  // The steps end at the first event, years before the view it started in.
  await page.waitForFunction(() => /#t=20(1\d|2[0-5])-/.test(location.hash));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const after = await markerNames(page);
  assert.notDeepEqual(after, before);
  const fresh = await open(app.browser, page.url());
  await fresh.page.locator(".marker").first().waitFor();
  assert.deepEqual(after, await markerNames(fresh.page));
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
});
