// What the browser benchmarks share: the system Chromium, launched the same
// way, and how a list of timings is summed up.
import { chromium } from "@playwright/test";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const round = (n) => Math.round(n * 10) / 10;

/** p50, p90 and max of `values` (ms), to a tenth. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p90: round(at(0.9)), max: round(sorted[sorted.length - 1]) };
}

/** A new desktop-sized page in `browser`, signed in at `base` as `name`. */
export async function signedIn(browser, base, name, password) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/admin/login`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  return page;
}
