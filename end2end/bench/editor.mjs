// Editor typing timing, for scripts/bench.sh: with a 5,000-word article
// open in the editor, the time from a keystroke to
//   "echo":    the frame after the word count shows it (the text field,
//              the word count and the local copy are all updated on the key);
//   "preview": the frame after the preview shows the typed word. The
//              preview is asked for once typing pauses for 200 ms
//              (`PREVIEW_AFTER`), then rendered by the server, so this is
//              that pause plus the round trip and the preview's repaint.
// N times each, typing one character (echo) or a word (preview, timed from
// its last key).
//
//   node bench/editor.mjs http://127.0.0.1:39080 NAME PASSWORD 20
//
// Prints one JSON line: {"words":5000,"echo":{p50,p90,max},"preview":{…}}.
import { launch, signedIn, summary } from "./common.mjs";

const [base = "http://127.0.0.1:3000", name, password, count = "20"] = process.argv.slice(2);
const rounds = Number(count);
const browser = await launch();
const page = await signedIn(browser, base, name, password);
await page.goto(`${base}/admin/new/article`);
await page.waitForSelector("html[data-hydrated]");

// 5,000 words of the kinds an article has: headings, paragraphs with
// inline code and emphasis, lists and fenced code (code words not counted
// here are extra).
const vocabulary = ("the a query index page cache render wasm server request signal memo "
  + "reader author draft publish schedule tag category summary note article sqlite rust "
  + "leptos latency memory budget review test proof result figure plan").split(" ");
let seed = 7;
const word = () => vocabulary[(seed = (seed * 1103515245 + 12345) % 2147483648) % vocabulary.length];
const words = (n) => Array.from({ length: n }, word).join(" ");
const blocks = [];
let written = 0;
for (let section = 1; written < 5000; section++) {
  blocks.push(`## Section ${section}: ${words(4)}`);
  for (let p = 0; p < 4 && written < 5000; p++) {
    blocks.push(`${words(40)} \`${word()}\` and *${word()}* ${words(40)}.`);
    written += 84;
  }
  blocks.push(`- ${words(8)}\n- ${words(8)}\n- ${words(8)}`);
  written += 24;
  blocks.push("```rust\nfn main() {\n    println!(\"section " + section + "\");\n}\n```");
}
const text = blocks.join("\n\n");

await page.getByLabel("Title").fill("Typing benchmark");
const body = page.getByLabel("Text (markdown)");
await body.fill(text);
const counted = await page.getByTestId("word-count").innerText();
await page.getByTestId("preview").getByRole("heading", { name: /^Section 2:/ }).waitFor();
await body.focus();
await page.keyboard.press("Control+End");

// Resolves with the ms from the last keydown to the frame after `ready()`
// holds, checked after every DOM change.
function armed(ready) {
  return page.evaluate((source) => {
    const ready = new Function(`return (${source})()`);
    window.__timed = new Promise((done) => {
      let start = null;
      const keydown = (event) => { start = event.timeStamp; };
      document.addEventListener("keydown", keydown, { capture: true });
      const check = () => {
        if (start !== null && ready()) {
          observer.disconnect();
          document.removeEventListener("keydown", keydown, { capture: true });
          requestAnimationFrame(() => done(performance.now() - start));
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, ready.toString());
}

const echo = [];
for (let i = 0; i < rounds; i++) {
  // A space, then a letter: the letter starts a new word, so the count
  // changes on it.
  await page.keyboard.press("Space");
  await page.evaluate(() => {
    window.__before = document.querySelector("[data-testid=word-count]").textContent;
  });
  await armed(() => document.querySelector("[data-testid=word-count]").textContent !== window.__before);
  await page.keyboard.press("k");
  echo.push(await page.evaluate(() => window.__timed));
}

const preview = [];
for (let i = 0; i < rounds; i++) {
  const marker = `zq${i}x`;
  await page.keyboard.type(" zq");
  await page.evaluate((m) => { window.__marker = m; }, marker);
  await armed(() => document.querySelector("[data-testid=preview]").textContent.includes(window.__marker));
  await page.keyboard.type(`${i}x`);
  preview.push(await page.evaluate(() => window.__timed));
}
await browser.close();

console.log(JSON.stringify({
  words: Number(counted.split(" ")[0]),
  bytes: text.length,
  echo: summary(echo),
  preview: summary(preview),
}));
