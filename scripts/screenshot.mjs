// Takes the README screenshots of the built dist/ in headless Chromium, offline:
//   docs/screenshot.png        the last event, zoomed towards Caracas, Fuerte Tiuna's panel open;
//   docs/map-region.png        the region (Venezuela and the southern Caribbean);
//   docs/map-caracas.png       Caracas;
//   docs/map-la-guaira.png     the La Guaira coast.
// The three map views are the night of 3 January 2026, one-day window, opened by URL.
// Usage: node scripts/screenshot.mjs   (after scripts/build.sh)
import { join } from "node:path";
import { serve, launch, open, root } from "../tests/e2e/harness.mjs";

const server = await serve(join(root, "dist"));
const browser = await launch();
try {
  const { page, errors, foreign } = await open(browser, server.url, { width: 1280, height: 860 });
  await page.locator("canvas.basemap[data-outlines]").waitFor();
  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("End");
  const target = page.getByRole("button", { name: /^Fuerte Tiuna\b/ });
  for (let i = 0; i < 9; i++) {
    const b = await target.boundingBox();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, -100);
    // Let the zoom come to rest: the markers are laid out again for it.
    await page.waitForTimeout(300);
  }
  await target.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor();
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(root, "docs/screenshot.png") });

  const views = [
    ["map-region", ""],
    ["map-caracas", "&v=-66.9000,10.4800,10.50"],
    ["map-la-guaira", "&v=-66.9800,10.5900,12.00"],
  ];
  for (const [name, view] of views) {
    const shot = await open(browser, `${server.url}#t=2026-01-03T09:20Z&w=day${view}`, { width: 1280, height: 860 });
    await shot.page.locator("canvas.basemap[data-outlines]").waitFor();
    await shot.page.waitForTimeout(300);
    await shot.page.mouse.move(5, 5);
    await shot.page.locator(".map").screenshot({ path: join(root, `docs/${name}.png`) });
    errors.push(...shot.errors);
    foreign.push(...shot.foreign);
    await shot.context.close();
  }
  if (errors.length) throw new Error(`console errors: ${errors}`);
  if (foreign.length) throw new Error(`requests left the page's origin: ${foreign}`);
  console.log("wrote docs/screenshot.png, docs/map-region.png, docs/map-caracas.png, docs/map-la-guaira.png");
} finally {
  await browser.close();
  await server.close();
}
