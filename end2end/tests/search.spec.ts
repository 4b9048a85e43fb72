// Search: results follow typing without reloads or a history entry per key
// once hydrated, the plain GET form works without JavaScript, and query
// syntax never breaks the page.
import { expect, test } from "./support/test";

const walTitle = "WAL checkpoints and the disk that kept filling up";

test("typing shows results without reloading or growing history", async ({ page }) => {
  await page.goto("/search");
  await page.waitForSelector("html[data-hydrated]");
  await page.evaluate(() => ((window as any).__marker = "still here"));
  const historyBefore = await page.evaluate(() => history.length);

  const box = page.getByRole("searchbox", { name: "Search" });
  await box.click();
  await box.pressSequentially("checkpoints", { delay: 40 });

  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: walTitle })).toBeVisible();
  await expect(page).toHaveURL(/\/search\?q=checkpoints$/);
  await expect(page.getByText(/\d+ results? for “checkpoints”/)).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText(/checkpoints/i);
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("checkpoints");
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");

  // Changing the query updates the results and the URL in place.
  await box.fill("");
  await box.pressSequentially("zzqqnothing", { delay: 40 });
  await expect(page.getByText("No results for “zzqqnothing”.", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/search\?q=zzqqnothing$/);
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");
});

test("a hit's link opens the article client-side", async ({ page }) => {
  await page.goto("/search?q=checkpoints");
  await page.waitForSelector("html[data-hydrated]");
  await page.evaluate(() => ((window as any).__marker = "still here"));
  await page.getByRole("list", { name: "Search results" }).getByRole("link", { name: walTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: walTitle })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the form submits and the results page lists highlighted hits", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    await expect(page.getByText("Type a word or two")).toBeVisible();
    await page.getByRole("searchbox", { name: "Search" }).fill("wal checkpoints");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=wal\+checkpoints$/);
    const results = page.getByRole("list", { name: "Search results" });
    await expect(results.getByRole("link", { name: walTitle })).toBeVisible();
    await expect(results.getByRole("article").first()).toContainText(/Article|Note|Summary/);
    await expect(results.locator("mark").first()).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("wal checkpoints");
  });

  test("query syntax gets a friendly page, not an error", async ({ page }) => {
    const response = await page.goto('/search?q=%22(*');
    expect(response?.status()).toBe(200);
    await expect(page.getByText("has no words to search for", { exact: false })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue('"(*');
    const near = await page.goto("/search?q=NEAR(%20a%20OR");
    expect(near?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
});
