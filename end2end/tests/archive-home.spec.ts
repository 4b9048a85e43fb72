// The home page and the article archive as a visitor uses them: the
// profile and timeline, the filter rail, shareable filtered URLs, the back
// button, pagination and the empty category — with JavaScript and without.
import { expect, test } from "./support/test";

test.describe("home", () => {
  test("shows who the author is, their stack, timeline and latest writing", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/\S+/);
    await expect(page.getByRole("heading", { level: 2, name: "Tech stack" })).toBeVisible();
    const timeline = page.getByRole("region", { name: "Experience" }).getByRole("listitem").filter({ hasText: "Present" });
    await expect(timeline.first()).toContainText(/[A-Z][a-z]{2} \d{4} – Present/);
    const latest = page.getByRole("region", { name: "Latest articles and technical writing" });
    const first = latest.getByRole("article").first().getByRole("link");
    const title = (await first.textContent())!.trim();
    await page.waitForSelector("html[data-hydrated]");
    await first.click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  test("each role links to the writing published during it", async ({ page }) => {
    await page.goto("/");
    const role = page.getByRole("region", { name: "Experience" }).getByRole("listitem").filter({ hasText: "Written during this role" }).first();
    const link = role.getByRole("link").filter({ hasNot: page.locator("[rel~=noopener]") }).last();
    const title = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });
});

test.describe("archive filters", () => {
  test("the rail filters by category and tag, the URL says so, and back undoes it, without a reload", async ({ page }) => {
    await page.goto("/articles");
    await page.waitForSelector("html[data-hydrated]");
    await page.evaluate(() => ((window as any).__marker = "kept"));
    const rail = page.getByRole("navigation", { name: "Filters" });
    await rail.getByRole("region", { name: "Categories" }).getByRole("link", { name: /^Databases/ }).click();
    await expect(page).toHaveURL(/\/articles\?category=databases$/);
    await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Category · Databases");
    const rows = page.getByRole("main").getByRole("article");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    const tagLink = rail.getByRole("region", { name: "Tags" }).getByRole("link", { name: /^SQLite/i });
    await tagLink.click();
    await expect(page).toHaveURL(/category=databases/);
    await expect(page).toHaveURL(/tag=sqlite/);
    await expect(page.getByRole("list", { name: "Active filters" })).toContainText("#sqlite");
    expect(await rows.count()).toBeLessThanOrEqual(count);
    await page.goBack();
    await expect(page).toHaveURL(/\/articles\?category=databases$/);
    await expect(rows).toHaveCount(count);
    expect(await page.evaluate(() => (window as any).__marker)).toBe("kept");
  });

  test("a category with nothing in it says so, and the filter can be cleared", async ({ page }) => {
    await page.goto("/articles?category=career");
    await expect(page.getByText("No posts in this category yet.")).toBeVisible();
    await page.getByRole("link", { name: "Clear all filters" }).click();
    await expect(page).toHaveURL(/\/articles$/);
    await expect(page.getByRole("main").getByRole("article").first()).toBeVisible();
  });

  test.describe("with JavaScript disabled", () => {
    test.use({ javaScriptEnabled: false });

    test("filters and pages are plain links", async ({ page }) => {
      await page.goto("/articles");
      await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Older/ }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
      await page.getByRole("navigation", { name: "Filters" }).getByRole("link", { name: /^Frontend & Web/ }).click();
      await expect(page).toHaveURL(/\/articles\?category=frontend$/);
      await expect(page.getByRole("list", { name: "Active filters" })).toContainText("Frontend");
    });
  });
});
