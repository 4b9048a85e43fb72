// Every public page, scanned by axe-core for WCAG 2.2 AA problems in the
// light and the dark theme; and the keyboard and screen-reader behaviour
// of client-side navigation.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The public routes, with slugs read from the site itself. */
async function publicRoutes(page: Page): Promise<string[]> {
  await page.goto("/articles");
  const article = await page.getByRole("main").getByRole("article").first().getByRole("link").getAttribute("href");
  await page.goto("/notes");
  const note = await page.locator("main a[href^='/notes/']").first().getAttribute("href");
  await page.goto("/tags");
  const tag = await page.getByRole("main").locator("a[href^='/tags/']").first().getAttribute("href");
  return ["/", "/articles", "/articles?category=career", article!, "/notes", note!, "/summaries", "/tags", tag!, "/search", "/search?q=sqlite", "/no/such/page"];
}

for (const scheme of ["light", "dark"] as const) {
  test(`every public page passes axe in the ${scheme} theme`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const routes = await publicRoutes(page);
    for (const route of routes) {
      await page.goto(route);
      await page.waitForSelector("html[data-hydrated]");
      await expect(page.locator("html")).toHaveClass(new RegExp(scheme));
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const problems = results.violations.map((v) => `${route}: ${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
      expect(problems, problems.join("\n")).toEqual([]);
    }
  });
}

test("the skip link is the first stop and jumps to the main content", async ({ page }) => {
  await page.goto("/articles");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("after a client-side navigation, focus moves to the new heading and the title is announced", async ({ page }) => {
  await page.goto("/articles");
  await page.waitForSelector("html[data-hydrated]");
  const link = page.getByRole("main").getByRole("article").first().getByRole("link");
  const title = (await link.textContent())!.trim();
  await link.click();
  const heading = page.getByRole("heading", { level: 1, name: title });
  await expect(heading).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "page loaded" })).toContainText(title);
});

test("the theme follows the system, can be switched, and is remembered without a flash", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/articles");
  await page.waitForSelector("html[data-hydrated]");
  await expect(page.locator("html")).toHaveClass(/dark/);
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(page.locator("html")).toHaveClass(/light/);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  // The choice is applied by the inline script before any paint: check the
  // class is already there when the document's first element is parsed.
  await page.addInitScript(() => {
    document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive") {
        (window as any).__themeAtParse = document.documentElement.className;
      }
    });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as any).__themeAtParse)).toMatch(/light/);
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});
