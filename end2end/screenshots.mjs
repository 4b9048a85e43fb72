// Takes screenshots of pages at phone and desktop widths, light and dark,
// for a person to look at: `node screenshots.mjs http://127.0.0.1:3000 /articles /`
// Writes PNGs to $SHOTS_DIR (default ./screenshots). With FOLIO_AUTHOR=name:password
// it signs in first, for the admin pages.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
const out = process.env.SHOTS_DIR ?? "screenshots";
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext();
if (process.env.FOLIO_AUTHOR) {
  const [username, ...rest] = process.env.FOLIO_AUTHOR.split(":");
  await context.request.post(`${base}/admin/login`, { form: { username, password: rest.join(":") }, maxRedirects: 0 });
}
const cookies = await context.cookies();
const sizes = { phone: { width: 375, height: 800 }, desktop: { width: 1280, height: 900 } };
for (const path of paths.length ? paths : ["/"]) {
  for (const [size, viewport] of Object.entries(sizes)) {
    for (const scheme of ["light", "dark"]) {
      const shot = await browser.newContext({ viewport, colorScheme: scheme });
      await shot.addCookies(cookies);
      const page = await shot.newPage();
      await page.goto(base + path, { waitUntil: "networkidle" });
      const name = `${path.replace(/[^a-z0-9]+/gi, "_") || "root"}-${size}-${scheme}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: process.env.FULL === "1" });
      await shot.close();
      console.log(`${out}/${name}`);
    }
  }
}
await browser.close();
