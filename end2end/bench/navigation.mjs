// Client navigation timing, for scripts/bench.sh: the time from a click on
// an internal link to the next frame painted with the new page's <h1>,
// measured inside the page (the click event's timestamp, then
// performance.now at the first animation frame after the heading
// changed), over N navigations
// between the article list and its articles.
//
//   node bench/navigation.mjs http://127.0.0.1:39080 20
//
// Prints one JSON line: {"navigations":N,"p50":ms,"p90":ms,"max":ms,
// "first":ms,"hovered":{…}} where "first" is the first click (nothing
// fetched yet), and "hovered" the same N navigations with the pointer on
// the link for 200 ms before the click, as a reader's hand is (the app
// prefetches an article on hover: `app::prefetch`).
import { chromium } from "@playwright/test";

const [base = "http://127.0.0.1:3000", count = "20"] = process.argv.slice(2);
const rounds = Number(count);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(`${base}/articles`);
await page.waitForSelector("html[data-hydrated]");

// Clicks `link` and resolves with the milliseconds until the frame after
// the <h1> became `expected`.
async function timedClick(link, expected) {
  await page.evaluate((want) => {
    window.__navigation = new Promise((done) => {
      // From the click event itself: Playwright's own checks before it
      // clicks (the link stable over two frames, scrolled into view) are
      // no part of the app's time.
      let start = performance.now();
      document.addEventListener("click", (event) => { start = event.timeStamp; },
        { capture: true, once: true });
      const check = () => {
        const h1 = document.querySelector("main h1");
        if (h1 && h1.textContent.trim() === want) {
          observer.disconnect();
          requestAnimationFrame(() => done(performance.now() - start));
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, expected);
  await link.click();
  return page.evaluate(() => window.__navigation);
}

async function rounds_of(hover) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const links = page.locator("main article h2 a, main article h3 a");
    const link = links.nth(i % Math.max(1, Math.min(10, await links.count())));
    const title = (await link.innerText()).trim();
    if (hover) {
      await link.hover();
      await page.waitForTimeout(200);
    }
    times.push(await timedClick(link, title));
    await page.goBack();
    await page.waitForSelector("main article");
    // Off the links, so the next hover is a new one.
    await page.mouse.move(0, 0);
  }
  return times;
}

const times = await rounds_of(false);
const hovered = await rounds_of(true);
await browser.close();

const round = (n) => Math.round(n * 10) / 10;
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p90: round(at(0.9)), max: round(sorted[sorted.length - 1]) };
}
console.log(JSON.stringify({
  navigations: times.length,
  ...summary(times),
  first: round(times[0]),
  hovered: summary(hovered),
}));
