// End-to-end: the built dist/ in a real headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { open, root, withApp } from "./harness.mjs";

const app = withApp();

test("Home hides Fuerte Tiuna, End shows it, its panel quotes report 000, Escape closes", async () => {
  const { page, errors, foreign } = await open(app.browser, app.server.url);
  const slider = page.getByRole("slider", { name: "Time" });
  const marker = page.getByRole("button", { name: /^Fuerte Tiuna\b/ });

  await slider.focus();
  await page.keyboard.press("Home");
  await assert.doesNotReject(marker.waitFor({ state: "detached", timeout: 5000 }));
  assert.equal(await marker.count(), 0, "no Fuerte Tiuna marker at the first event");
  // The text beside the slider names the time.
  // (The first event is the earliest any report dates, years before the 2026 strikes.)
  assert.match(await page.locator("#time-now").innerText(), /^20(1\d|2[0-5])-\d\d-\d\d /);

  await page.keyboard.press("End");
  await marker.waitFor({ state: "visible", timeout: 5000 });
  await marker.focus();
  await page.keyboard.press("Enter");

  const panel = page.getByRole("region", { name: "Fuerte Tiuna" });
  await panel.waitFor({ state: "visible", timeout: 5000 });
  const report = await readFile(join(root, "reports/000_1d4accb5406dd1f8.txt"), "utf8");
  const quotes = await panel.locator("blockquote").allInnerTexts();
  assert.ok(quotes.length > 0, "the panel lists citations");
  assert.ok(quotes.some((q) => q.length > 10 && report.includes(q)), `a quote from report 000 appears verbatim: ${JSON.stringify(quotes)}`);
  assert.ok(quotes.every((q) => q.length > 0), "every citation has its quote");
  // Focus moved into the panel; Escape closes it and returns focus to the marker.
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached", timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement?.id), "marker-fuerte-tiuna");

  await mkdir(join(root, "test-results"), { recursive: true });
  await page.screenshot({ path: join(root, "test-results/app-end.png") });
  assert.deepEqual(errors, [], "no console errors");
  assert.deepEqual(foreign, [], "no request leaves the local server");
});

test("the map draws the embedded basemap and a marker is clickable", async () => {
  const { page, errors, foreign } = await open(app.browser, app.server.url);
  const basemap = page.locator("canvas.basemap[data-outlines]");
  await basemap.waitFor({ timeout: 10000 });
  assert.ok(Number(await basemap.getAttribute("data-outlines")) > 10, "country outlines drawn");
  const states = Number(await basemap.getAttribute("data-state-lines"));
  assert.ok(states > 100, `Venezuela's state borders drawn: ${states} lines`);
  // Land and sea both cover a good part of the region's view (sea is #dfe9f2).
  const land = await basemap.evaluate((c) => {
    const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - 0xdf) + Math.abs(px[i + 1] - 0xe9) + Math.abs(px[i + 2] - 0xf2) > 12) n++;
    return n / (px.length / 4);
  });
  assert.ok(land > 0.15 && land < 0.85, `land covers ${(land * 100).toFixed(0)}% of the map`);
  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("End");
  // Zoom in on Caracas with the wheel, as a reader would, then click the air base.
  const carlota = page.getByRole("button", { name: /^La Carlota\b/ });
  for (let i = 0; i < 8; i++) {
    const b = await carlota.boundingBox();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(50);
  }
  await carlota.click({ position: { x: 6, y: 7 } });
  await page.getByRole("region", { name: "La Carlota" }).waitFor();
  assert.match(await page.getByRole("region", { name: "La Carlota" }).innerText(), /Base Aérea Generalísimo Francisco de Miranda/);
  await page.getByRole("button", { name: "Close" }).click();
  assert.equal(await page.getByRole("region", { name: "La Carlota" }).count(), 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});

test("fits a 375 px wide screen with the slider in view", async () => {
  const { page, errors } = await open(app.browser, app.server.url, { width: 375, height: 740 });
  const box = await page.getByRole("slider", { name: "Time" }).boundingBox();
  assert.ok(box && box.y + box.height <= 740 && box.x >= 0 && box.x + box.width <= 375, `slider at ${JSON.stringify(box)}`);
  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("End");
  await page.getByRole("button", { name: /^Fuerte Tiuna\b/ }).focus();
  await page.keyboard.press("Enter");
  const panel = await page.getByRole("region", { name: "Fuerte Tiuna" }).boundingBox();
  assert.ok(panel && panel.width <= 375, `panel width ${panel?.width}`);
  await page.screenshot({ path: join(root, "test-results/app-375.png") });
  assert.deepEqual(errors, []);
});

test("a Content-Security-Policy forbids inline scripts and the app runs under it", async () => {
  const html = await readFile(join(root, "dist/index.html"), "utf8");
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  assert.ok(scriptSrc, `script-src in ${csp}`);
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|\*/, scriptSrc);
  // Every script in the page is an external file from the same origin.
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) assert.match(tag, /\ssrc="[^":]+"/, tag);

  // The policy is enforced: an inline script injected into the page does not run, and
  // loading the app violates nothing.
  const browserPage = await app.browser.newPage();
  const violations = [];
  await browserPage.exposeFunction("reportViolation", (v) => violations.push(v));
  await browserPage.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await browserPage.goto(app.server.url);
  await browserPage.getByRole("slider", { name: "Time" }).waitFor({ timeout: 20000 });
  assert.deepEqual(violations, [], "the app itself needs nothing the policy forbids");
  const ran = await browserPage.evaluate(async () => {
    window.__ran = false;
    const s = document.createElement("script");
    s.textContent = "window.__ran = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__ran;
  });
  assert.equal(ran, false, "an injected inline script is blocked");
  await browserPage.close();
});

test("the current view downloads as GeoJSON and CSV, the same events as the list", async () => {
  const { page, errors } = await open(app.browser, app.server.url + "#t=2026-01-03T07:44Z&w=day");
  const count = Number((await page.locator("#time-now").innerText()).match(/· (\d+) events?/)[1]);
  await page.getByRole("button", { name: "List" }).click();
  assert.match(await page.locator("#event-table caption").innerText(), new RegExp(`^${count} events?\\b`));
  const [geo] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download GeoJSON" }).click()]);
  const fc = JSON.parse(await readFile(await geo.path(), "utf8"));
  assert.equal(fc.type, "FeatureCollection");
  assert.equal(fc.features.length, count);
  assert.ok(fc.features.every((f) => f.properties.quote && f.properties.time_start.endsWith("Z")));
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  const lines = (await readFile(await csv.path(), "utf8")).trim().split("\n");
  assert.equal(lines.length, count + 1);
  assert.deepEqual(errors, []);
});

test("the site search finds a site by alias without accents, centres and opens it", async () => {
  const { page, errors } = await open(app.browser, app.server.url);
  const box = page.getByRole("searchbox", { name: "Find a site" });
  await box.focus();
  await page.keyboard.type("base aerea generalisimo");
  await page.keyboard.press("Enter");
  await page.getByRole("region", { name: "La Carlota" }).waitFor({ timeout: 5000 });
  assert.match(page.url(), /s=la-carlota/);
  assert.deepEqual(errors, []);
});
