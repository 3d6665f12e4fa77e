// End-to-end: citations you can check — the site panel, the report reader, filters, the
// list view, and a hostile report added by the user — with the keyboard only where the
// acceptance asks for it (Tab, Enter, Space, Escape; no clicks).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { open, root, withApp } from "./harness.mjs";

const app = withApp();

/** Presses Tab (Shift+Tab when `back`) until the focused element matches `selector`. */
async function tabTo(page, selector, { back = false, max = 400 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

const REPORT_000 = "reports/000_1d4accb5406dd1f8.txt";

test("keyboard only: Fuerte Tiuna's panel, the reader at the passage, another site, unrest filter, list = map", async () => {
  const { page, errors, foreign } = await open(app.browser, app.server.url);
  const report = await readFile(join(root, REPORT_000), "utf8");

  // Find the site with the search box (reached with Tab), open it with Enter.
  await tabTo(page, "input[type=search]");
  await page.keyboard.type("fuerte tiuna");
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Fuerte Tiuna" });
  await panel.waitFor({ timeout: 5000 });
  const quotes = await panel.locator("blockquote").allInnerTexts();
  assert.ok(quotes.length > 0 && quotes.some((q) => q.length > 10 && report.includes(q)), `quotes from report 000: ${JSON.stringify(quotes)}`);
  // The place name is marked inside each quote.
  const places = await panel.locator("blockquote mark.place").allInnerTexts();
  assert.equal(places.length, quotes.length);
  assert.ok(places.every((p) => /tiuna/i.test(p)), JSON.stringify(places));

  // Tab to the first citation from report 000 whose quote is a full sentence and read it.
  const title = report.split("\n")[0].replace(/^\s*date \d{4}-\d\d-\d\d\s*/, "").trim();
  const reads = panel.getByRole("button", { name: `Read report: ${title}` });
  assert.ok((await reads.count()) > 0, "each citation from report 000 opens it");
  const readId = await reads.last().getAttribute("id");
  await tabTo(page, `#${readId}`);
  await page.keyboard.press("Enter");
  const reader = page.getByRole("article", { name: title });
  await reader.waitFor({ timeout: 5000 });
  const cited = reader.locator("mark#cited");
  const passage = await cited.innerText();
  assert.ok(passage.length > 0 && report.includes(passage), `the marked passage is exact: ${passage}`);
  // Scrolled into view within the reader.
  const [m, r] = [await cited.boundingBox(), await reader.boundingBox()];
  assert.ok(m.y >= r.y && m.y + Math.min(m.height, 40) <= r.y + r.height, `passage in view: ${JSON.stringify({ m, r })}`);
  // The report text is the whole file.
  assert.ok((await reader.locator(".report-text").innerText()).includes(report.trim().split("\n").at(-1).trim()));
  await mkdir(join(root, "test-results"), { recursive: true });
  await page.screenshot({ path: join(root, "test-results/reader.png") });

  // Every other site of the report is one link away: follow one with Enter.
  const links = reader.getByRole("navigation", { name: "Sites in this report" }).getByRole("link");
  const names = await links.evaluateAll((ls) => ls.map((l) => [l.getAttribute("aria-label"), l.getAttribute("aria-current")]));
  const other = names.find(([, cur]) => cur !== "true");
  assert.ok(other, `another site in report 000: ${JSON.stringify(names)}`);
  const otherName = other[0].replace(/, \d+ citations? in this report$/, "");
  await tabTo(page, `.report-sites a[aria-label="${other[0]}"]`);
  await page.keyboard.press("Enter");
  await page.getByRole("region", { name: otherName }).waitFor({ timeout: 5000 });
  assert.equal(await reader.count(), 0, "the reader gives way to the site's panel");
  // Escape closes the panel.
  await page.keyboard.press("Escape");
  await page.getByRole("region", { name: otherName }).waitFor({ state: "detached", timeout: 5000 });

  // Filters: open them with Enter, press "unrest" with Space.
  await tabTo(page, ".filters-toggle");
  await page.keyboard.press("Enter");
  await tabTo(page, ".chip[aria-label^='unrest,']");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => location.hash.includes("cat=unrest"));
  assert.equal(await page.locator(".chip[aria-label^='unrest,']").getAttribute("aria-pressed"), "true");
  // Escape closes the filters and returns to their toggle.
  await page.keyboard.press("Escape");
  await page.locator("#filter-groups").waitFor({ state: "detached", timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement?.id), "filters-toggle");
  // The histogram holds only 2019 events.
  const bins = await page.locator("g.bin").evaluateAll((gs) => gs.map((g) => [g.dataset.start, Number(g.dataset.count)]));
  assert.ok(bins.length > 0, "some unrest remains");
  assert.ok(bins.every(([s]) => s.startsWith("2019-")), `bins: ${JSON.stringify(bins)}`);

  // Window "all" (keyboard on the select), then the list shows exactly the map's sites.
  await tabTo(page, "select[aria-label=Window]");
  await page.keyboard.press("End");
  await page.waitForFunction(() => location.hash.includes("w=all"), null, { timeout: 5000 });
  await tabTo(page, "#time");
  await page.keyboard.press("End");
  await tabTo(page, "button.list-toggle[aria-controls=event-table]");
  await page.keyboard.press("Enter");
  const table = page.locator("#event-table");
  await table.waitFor({ timeout: 5000 });
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText)));
  assert.ok(rows.length > 0);
  assert.ok(rows.every((c) => c[0].startsWith("2019-") && c[2] === "unrest"), JSON.stringify(rows));
  const listSites = [...new Set(rows.map((c) => c[1]))].sort();
  const markerSites = (await page.locator(".marker").evaluateAll((bs) => bs.map((b) => b.dataset.name))).sort();
  assert.deepEqual(listSites, markerSites, "the list and the map show the same sites");
  const count = Number((await page.locator("#time-now").innerText()).match(/· (\d+) events?/)[1]);
  assert.equal(rows.length, count, "the list holds the events the map counts");
  await page.screenshot({ path: join(root, "test-results/filtered-list.png"), fullPage: true });

  // The filter travels with the URL: a fresh page on it shows the same.
  const again = await open(app.browser, page.url());
  await again.page.locator("g.bin").first().waitFor();
  const bins2 = await again.page.locator("g.bin").evaluateAll((gs) => gs.map((g) => g.dataset.start));
  assert.ok(bins2.every((s) => s.startsWith("2019-")), JSON.stringify(bins2));
  assert.deepEqual(errors, []);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(foreign, []);
});

test("a hostile report added by the user shows its markup as text and runs nothing", async () => {
  const { page, errors, foreign } = await open(app.browser, app.server.url);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  const hostile = join(root, "tests/fixtures/hostile.txt");
  const text = await readFile(hostile, "utf8");

  // A broken file is named by line, the good one is added.
  await page.locator(".add-reports input[type=file]").setInputFiles([
    { name: "hostile.txt", mimeType: "text/plain", buffer: Buffer.from(text) },
    { name: "undated.txt", mimeType: "text/plain", buffer: Buffer.from("Fuerte Tiuna werd gebombardeerd.\n") },
  ]);
  await page.getByRole("status").filter({ hasText: "Added 1 report" }).waitFor({ timeout: 10000 });
  assert.match(await page.locator(".import-problems").innerText(), /^undated\.txt:1: no publication date/);

  // Its events are on the map: open Fuerte Tiuna and the hostile citation's report.
  await page.getByRole("searchbox", { name: "Find a site" }).fill("Fuerte Tiuna");
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Fuerte Tiuna" });
  await panel.waitFor();
  const quote = panel.locator("blockquote", { hasText: "onerror" });
  assert.match(await quote.innerText(), /<img src=x onerror="window\.vigiaPwned = 3">/);
  await panel.getByRole("button", { name: /Read report: .*Hostile test report/ }).first().click();
  const reader = page.getByRole("article", { name: /Hostile test report/ });
  await reader.waitFor();
  const shown = await reader.locator(".report-text").innerText();
  for (const bit of ["<script>window.vigiaPwned = 2</script>", '<a href="javascript:window.vigiaPwned = 4">', "<iframe", "onmouseover="]) {
    assert.ok(shown.includes(bit), `shown as text: ${bit}`);
  }
  assert.equal(shown.trim(), text.trim(), "the reader shows the report exactly");
  // Nothing became markup, nothing ran.
  await reader.locator(".report-text").hover();
  await page.waitForTimeout(200);
  const found = await page.evaluate(() => ({
    pwned: window.vigiaPwned,
    imgs: document.querySelectorAll("#reader img, #site-panel img, #reader iframe, #reader b").length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    scripts: [...document.scripts].map((s) => s.src || "inline"),
  }));
  assert.equal(found.pwned, undefined);
  assert.equal(found.imgs, 0);
  assert.equal(found.jsLinks, 0);
  assert.ok(found.scripts.every((s) => s !== "inline"), JSON.stringify(found.scripts));
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: join(root, "test-results/hostile.png") });
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
});
