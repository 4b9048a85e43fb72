// The article page as a reader meets it: copy buttons on code blocks (with
// the Clipboard API and without it), the table of contents, a page without
// JavaScript, and moving to the previous/next article without a reload, and the
// prefetch of an article pointed at or focused before its click, and the
// focus a followed link lets go of.
import { expect, test, type Page } from "./support/test";

// Demo articles published one after another, each with code blocks.
const OLDER = {
  slug: "parse-at-the-boundary",
  title: "Parse API responses at the edge, then trust the types",
  code: "const appointments",
};
const MIDDLE = { slug: "inject-the-clock", title: "Inject the clock", code: "type Clock interface" };
const LONG = "reading-explain-analyze-calmly";

async function openHydrated(page: Page, slug: string) {
  await page.goto(`/articles/${slug}`);
  await page.waitForSelector("html[data-hydrated]");
}

// The first code block's button, whatever it currently says.
function firstCopyButton(page: Page) {
  return page.getByRole("main").getByRole("button", { name: /^(Copy|Copied)$/ }).first();
}

test.describe("copying code", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("the copy button copies the code and says so", async ({ page }) => {
    await openHydrated(page, MIDDLE.slug);
    const button = firstCopyButton(page);
    await expect(button).toHaveText("Copy");
    await button.click();
    await expect(button).toHaveText("Copied");
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(MIDDLE.code);
    // The label and the announcement reset, so the next copy is heard again.
    await expect(button).toHaveText("Copy", { timeout: 5_000 });
    await expect(page.getByRole("main").getByRole("status")).toHaveText("");
  });

  test("without the Clipboard API the fallback still copies and announces", async ({ page }) => {
    await page.addInitScript(() => {
      // Keep a handle for the test to read with, then hide the API from the page.
      (window as any).__clipboard = navigator.clipboard;
      delete (Navigator.prototype as any).clipboard;
    });
    await openHydrated(page, MIDDLE.slug);
    expect(await page.evaluate(() => "clipboard" in navigator)).toBe(false);
    const button = firstCopyButton(page);
    await button.click();
    await expect(button).toHaveText("Copied");
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Copied");
    await expect(button).toBeFocused();
    const copied = await page.evaluate(() => (window as any).__clipboard.readText());
    expect(copied).toContain(MIDDLE.code);
  });

  test("previous and next navigate client-side and copy keeps working", async ({ page }) => {
    await openHydrated(page, MIDDLE.slug);
    await page.evaluate(() => ((window as any).__marker = "still here"));
    const links = page.getByRole("navigation", { name: "Previous and next article" });
    await links.getByRole("link", { name: /Previous article/ }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${OLDER.slug}$`));
    await expect(page.getByRole("heading", { level: 1, name: OLDER.title })).toBeVisible();
    await firstCopyButton(page).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(OLDER.code);

    await links.getByRole("link", { name: /Next article/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: MIDDLE.title })).toBeVisible();
    await firstCopyButton(page).click();
    await expect(firstCopyButton(page)).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(MIDDLE.code);
    expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");
  });
});

test("a table of contents link jumps to its heading", async ({ page }) => {
  await openHydrated(page, LONG);
  const toc = page.getByRole("navigation", { name: "On this page" });
  await expect(toc).toBeVisible();
  const link = toc.getByRole("link").nth(2);
  const text = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/#[\p{L}\p{N}-]+$/u);
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const heading = page.getByRole("heading", { name: new RegExp(`^${escaped}\\s*Link to section`) });
  await expect(heading).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  // Each heading's own anchor says which section it links to.
  await expect(page.getByRole("link", { name: `Link to section: ${text}` })).toHaveCount(1);
  // A link within the page keeps its focus (`app::leaving` blurs only a
  // link that leaves the page).
  await expect(link).toBeFocused();
});

// Removing the focused link with its page cost Chromium a style and layout
// pass (`app::leaving`): the link lets go of focus as it is clicked, before
// the router swaps the page (Chromium would otherwise blur it during the
// removal, also while it is still connected).
test("a link followed to another page lets go of its focus as it is clicked", async ({ page }) => {
  await openHydrated(page, MIDDLE.slug);
  await page.evaluate(() => {
    window.addEventListener("click", (event) => {
      const link = (event.target as Element).closest("a");
      (window as any).__stillFocused = document.activeElement === link;
    });
  });
  await page
    .getByRole("navigation", { name: "Previous and next article" })
    .getByRole("link", { name: /Previous article/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: OLDER.title })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__stillFocused)).toBe(false);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("code is shown but no copy button that could not work", async ({ page }) => {
    await page.goto(`/articles/${MIDDLE.slug}`);
    await expect(page.getByText(MIDDLE.code)).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy" })).toHaveCount(0);
  });

  test("the header links the category and the tags", async ({ page }) => {
    await page.goto(`/articles/${MIDDLE.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: MIDDLE.title })).toBeVisible();
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "Software Engineering", exact: true })).toHaveAttribute(
      "href",
      "/articles?category=software-engineering",
    );
    await expect(main.getByRole("link", { name: "#testing" })).toHaveAttribute("href", "/tags/testing");
    await expect(main.getByText("Oct 14, 2025")).toBeVisible();
  });
});

test.describe("prefetch on intent", () => {
  // Pointing at a link to an article asks for its data then; the click
  // that follows shows the article without asking the server again.
  test("an article hovered before the click is shown without another request", async ({ page }) => {
    await openHydrated(page, MIDDLE.slug);
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/get_article")) asked.push(request.postData() ?? request.url());
    });
    const forOlder = () => asked.filter((body) => body.includes(OLDER.slug));
    const previous = page
      .getByRole("navigation", { name: "Previous and next article" })
      .getByRole("link", { name: /Previous article/ });
    const fetched = page.waitForResponse((r) => r.url().includes("/api/get_article") && r.ok());
    await previous.hover();
    await fetched;
    expect(forOlder()).toHaveLength(1);
    await previous.click();
    await expect(page.getByRole("heading", { level: 1, name: OLDER.title })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/articles/${OLDER.slug}$`));
    expect(forOlder()).toHaveLength(1);
  });

  test("focusing a link from the keyboard prefetches it too", async ({ page }) => {
    await openHydrated(page, MIDDLE.slug);
    const fetched = page.waitForResponse((r) => r.url().includes("/api/get_article") && r.ok());
    await page
      .getByRole("navigation", { name: "Previous and next article" })
      .getByRole("link", { name: /Next article/ })
      .focus();
    expect((await fetched).request().postData() ?? "").not.toContain(MIDDLE.slug);
  });
});
