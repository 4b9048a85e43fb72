// The summaries page: filtering from the rail by source and then by tag,
// counts and "Showing N of M" following along, the back button restoring
// the previous filter, with JavaScript (no reloads) and without it (links).
import { expect, type Locator, type Page, test } from "./support/test";

const showing = (page: Page) => page.getByText(/^Showing \d+ of \d+$/);
const rail = (page: Page) => page.getByRole("navigation", { name: "Filters" });
const option = (page: Page, facet: string, name: RegExp) =>
  rail(page).getByRole("region", { name: facet }).getByRole("link", { name });
const summaries = (page: Page) => page.getByRole("main").getByRole("article");

/** The count a rail option shows after its name. */
async function countOf(link: Locator): Promise<number> {
  const text = (await link.textContent()) ?? "";
  return Number(/(\d+)\s*$/.exec(text.trim())![1]);
}

async function total(page: Page): Promise<number> {
  const text = (await showing(page).textContent()) ?? "";
  return Number(/of (\d+)/.exec(text)![1]);
}

async function filterBySourceThenTag(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: "Summaries" })).toBeVisible();
  const all = await total(page);
  expect(all).toBeGreaterThanOrEqual(15);
  await expect(showing(page)).toHaveText(`Showing ${all} of ${all}`);
  await expect(page.getByRole("heading", { level: 2, name: /^Day 01/ })).toBeVisible();

  const source = option(page, "Sources", /^The Relational Review/);
  const bySource = await countOf(source);
  await source.click();
  await expect(page).toHaveURL(/\/summaries\?source=relational-review$/);
  await expect(showing(page)).toHaveText(`Showing ${bySource} of ${all}`);
  await expect(summaries(page)).toHaveCount(bySource);
  await expect(page.getByText("Source · The Relational Review")).toBeVisible();

  const tag = option(page, "Tags", /^#performance/);
  const byBoth = await countOf(tag);
  expect(byBoth).toBeLessThanOrEqual(bySource);
  await tag.click();
  await expect(page).toHaveURL(/tag=performance/);
  await expect(page).toHaveURL(/source=relational-review/);
  await expect(showing(page)).toHaveText(`Showing ${byBoth} of ${all}`);
  await expect(summaries(page)).toHaveCount(byBoth);
  await expect(page.getByText("Tag · #performance")).toBeVisible();
  await expect(option(page, "Tags", /^#performance/)).toHaveAttribute("aria-current", "true");
  await expect(
    page.getByRole("link", { name: /^Atom feed of this view/ }),
  ).toHaveAttribute("href", /^\/summaries\/feed\.xml\?tag=performance&source=relational-review$/);
  return { all, bySource, byBoth };
}

test("after hydration, rail filters and the back button work without a reload", async ({ page }) => {
  await page.goto("/summaries");
  await page.waitForSelector("html[data-hydrated]");
  await page.evaluate(() => ((window as any).__marker = "still here"));

  const { all, bySource } = await filterBySourceThenTag(page);

  await page.goBack();
  await expect(page).toHaveURL(/\/summaries\?source=relational-review$/);
  await expect(showing(page)).toHaveText(`Showing ${bySource} of ${all}`);
  await expect(page.getByText("Tag · #performance")).toHaveCount(0);
  await page.goBack();
  await expect(showing(page)).toHaveText(`Showing ${all} of ${all}`);
  expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("rail links filter, combine and clear as plain pages", async ({ page }) => {
    await page.goto("/summaries");
    const { all, bySource } = await filterBySourceThenTag(page);
    await page.getByRole("link", { name: "Clear the tag filter" }).click();
    await expect(page).toHaveURL(/\/summaries\?source=relational-review$/);
    await expect(showing(page)).toHaveText(`Showing ${bySource} of ${all}`);
  });

  test("filters that match nothing say so and offer a way out", async ({ page }) => {
    await page.goto("/summaries?tag=no-such-tag");
    await expect(page.getByText("No summaries match these filters.")).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Clear all filters" }).click();
    await expect(page).toHaveURL(/\/summaries$/);
    await expect(summaries(page).first()).toBeVisible();
  });

  test("each summary links out to its original", async ({ page }) => {
    await page.goto("/summaries");
    const first = summaries(page).first();
    const out = first.getByRole("link", { name: /^Read the original at / });
    await expect(out).toHaveAttribute("href", /^https?:\/\//);
    await expect(out).toHaveAttribute("rel", /noopener/);
  });
});
