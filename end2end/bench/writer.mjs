// An author saving a published note over and over, for scripts/bench.sh:
// every save of something readers can see bumps the content generation,
// which empties the page cache, so the next reader of each page waits for
// it to be rendered again. Run beside a load on a page to measure how the
// site holds up while its author writes.
//
//   node bench/writer.mjs http://127.0.0.1:39080 NAME PASSWORD 1000 12
//
// Signs in, publishes a note, prints "ready", then saves an edit of it
// every INTERVAL ms for SECONDS seconds (waiting for each save's answer)
// and prints one JSON line: {"saves":12,"interval_ms":1000,"save":{p50,p90,max}}.
import { launch, signedIn, summary } from "./common.mjs";

const [base = "http://127.0.0.1:3000", name, password, interval = "1000", seconds = "10"] =
  process.argv.slice(2);
const browser = await launch();
const page = await signedIn(browser, base, name, password);
await page.goto(`${base}/admin/new/note`);
await page.waitForSelector("html[data-hydrated]");

const saved = () =>
  page.waitForResponse((r) => r.url().includes("/save_item") && r.request().method() === "POST");
const body = page.getByLabel("Text (markdown)");
await page.getByLabel("Title").fill(`Written during the benchmark ${Date.now()}`);
await body.fill("A note saved again and again while readers load the site.");
let answer = saved();
await page.getByRole("button", { name: "Publish now" }).click();
if (!(await answer).ok()) throw new Error("publishing the note failed");
console.log("ready");

const times = [];
const until = Date.now() + Number(seconds) * 1000;
for (let n = 1; Date.now() < until; n++) {
  const started = performance.now();
  await body.fill(`A note saved again and again while readers load the site (${n}).`);
  answer = saved();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const response = await answer;
  if (!response.ok()) throw new Error(`save ${n} answered ${response.status()}`);
  times.push(performance.now() - started);
  const rest = Number(interval) - (performance.now() - started);
  if (rest > 0) await page.waitForTimeout(rest);
}
await browser.close();
console.log(JSON.stringify({ saves: times.length, interval_ms: Number(interval), save: summary(times) }));
