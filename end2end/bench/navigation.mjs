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
import { launch, round, summary } from "./common.mjs";

const [base = "http://127.0.0.1:3000", count = "20"] = process.argv.slice(2);
const rounds = Number(count);
const browser = await launch();
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

console.log(JSON.stringify({
  navigations: times.length,
  ...summary(times),
  first: round(times[0]),
  hovered: summary(hovered),
}));
