// Readers must not pay for the editor: the author's pages are wasm chunks
// of their own. A reader's journey fetches only the main bundle; an author
// opening the editor fetches a chunk; a chunk that cannot be fetched gives
// a clear message, not a frozen page. Sizes are printed for the record.
import { brotliCompressSync, constants } from "node:zlib";
import { expect, test, type Page, type Request } from "./support/test";
import { signIn } from "./support/author";

const isWasm = (url: string) => new URL(url).pathname.endsWith(".wasm");

function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r: Request) => {
    if (isWasm(r.url())) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

async function mainWasm(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.locator("script[data-wasm]").getAttribute("data-wasm");
  expect(href, "the page names its wasm bundle").toBeTruthy();
  return new URL(href!, page.url()).pathname;
}

test("a reader's journey never downloads an editor chunk", async ({ page }) => {
  const main = await mainWasm(page);
  const seen = wasmRequests(page);
  await page.goto("/");
  await page.waitForSelector("html[data-hydrated]");
  await page.getByRole("link", { name: "Articles" }).first().click();
  await page.getByRole("main").getByRole("article").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Summaries" }).first().click();
  await expect(page).toHaveURL(/\/summaries$/);
  await page.goto("/search?q=rust");
  await page.waitForSelector("html[data-hydrated]");
  await page.goto("/articles");
  await page.waitForSelector("html[data-hydrated]");
  expect(seen.length, "the main bundle was fetched").toBeGreaterThan(0);
  expect(seen.filter((p) => p !== main), `only ${main} may be fetched`).toEqual([]);
});

test("a reader's page paints before its bundle is asked for", async ({ page }) => {
  const main = await mainWasm(page);
  for (const path of ["/", "/articles", "/summaries"]) {
    await page.goto(path);
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.locator("link[rel=preload][href$='.wasm']").count(), `${path} preloads no wasm`).toBe(0);
    const times = await page.evaluate((wasm) => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const fetched = performance
        .getEntriesByType("resource")
        .find((e) => new URL(e.name).pathname === wasm);
      return { paint: paint?.startTime, fetched: fetched?.startTime };
    }, main);
    expect(times.paint, `${path} painted`).toBeDefined();
    expect(times.fetched, `${path} fetched ${main}`).toBeDefined();
    expect(times.fetched!, `${path} asked for the bundle after its first paint`).toBeGreaterThanOrEqual(times.paint!);
  }
});

test("the editor is its own chunk, and its sizes are printed", async ({ page }) => {
  const main = await mainWasm(page);
  await signIn(page);
  const seen = wasmRequests(page);
  await page.goto("/admin/new/article");
  await expect(page.getByLabel("Title")).toBeVisible();
  const chunks = [...new Set(seen.filter((p) => p !== main))];
  expect(chunks.length, "opening the editor fetches a chunk of its own").toBeGreaterThan(0);
  const size = async (path: string) => {
    const bytes = Buffer.from(await (await page.request.get(path)).body());
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { raw: bytes.length, brotli };
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const reader = await size(main);
  console.log(`reader wasm ${main}: ${kb(reader.raw)} raw, ${kb(reader.brotli)} brotli`);
  let editorRaw = 0;
  let editorBrotli = 0;
  for (const chunk of chunks) {
    const s = await size(chunk);
    editorRaw += s.raw;
    editorBrotli += s.brotli;
    console.log(`editor chunk ${chunk}: ${kb(s.raw)} raw, ${kb(s.brotli)} brotli`);
  }
  console.log(`editor chunks in all: ${kb(editorRaw)} raw, ${kb(editorBrotli)} brotli`);
});

test("when the editor's chunk cannot be fetched, the author is told so", async ({ page }) => {
  const main = await mainWasm(page);
  await signIn(page);
  await page.route(
    (url) => isWasm(url.toString()) && url.pathname !== main,
    (route) => route.abort("connectionfailed"),
  );
  await page.goto("/admin/new/note");
  await expect(page.getByRole("alert")).toContainText("part of Folio could not be loaded", { timeout: 15_000 });
});
