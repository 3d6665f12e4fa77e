// Takes the README screenshot (docs/screenshot.png) of the built dist/ in headless
// Chromium: the last event, zoomed towards Caracas, with the Fuerte Tiuna panel open.
// Usage: node scripts/screenshot.mjs   (after scripts/build.sh)
import { join } from "node:path";
import { serve, launch, open, root } from "../tests/e2e/harness.mjs";

const server = await serve(join(root, "dist"));
const browser = await launch();
try {
  const { page, errors } = await open(browser, server.url, { width: 1280, height: 860 });
  await page.locator("path.land").first().waitFor();
  await page.getByRole("slider", { name: "Time" }).focus();
  await page.keyboard.press("End");
  const target = page.getByRole("button", { name: /^Fuerte Tiuna\b/ });
  for (let i = 0; i < 9; i++) {
    const b = await target.boundingBox();
    await page.mouse.move(b.x + b.height / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(60);
  }
  await target.click({ position: { x: 6, y: 7 } });
  await page.getByRole("region", { name: "Fuerte Tiuna" }).waitFor();
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(root, "docs/screenshot.png") });
  if (errors.length) throw new Error(`console errors: ${errors}`);
  console.log("wrote docs/screenshot.png");
} finally {
  await browser.close();
  await server.close();
}
