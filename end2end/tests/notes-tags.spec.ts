// Notes and tags: browse the notes, open one, follow one of its tags, and
// land on the tag's page with a section per kind of content. The same
// journey works as plain pages (JavaScript off) and as client-side
// navigation once the wasm bundle has hydrated the page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";

async function browseNotesToATag(page: Page) {
  const response = await page.goto("/notes");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Notes" })).toBeVisible();

  const notes = page.getByRole("list", { name: "Notes, newest first" }).getByRole("article");
  expect(await notes.count()).toBeGreaterThan(3);
  const days = await notes
    .locator("time")
    .evaluateAll((times) => times.map((t) => t.getAttribute("datetime") ?? ""));
  expect(days).toEqual([...days].sort().reverse());

  // The oldest tagged note on the page: demo content. The newest may be one
  // a writing journey running beside this one is renaming the tag of.
  const tagged = notes.filter({ has: page.getByRole("list", { name: "Tags" }) }).last();
  const noteLink = tagged.getByRole("heading", { level: 2 }).getByRole("link");
  const title = (await noteLink.textContent())!.trim();
  await noteLink.click();

  await expect(page).toHaveURL(/\/notes\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to all notes" })).toBeVisible();

  const tagLink = page.getByRole("article").getByRole("list", { name: "Tags" }).getByRole("link").first();
  const tagSlug = (await tagLink.textContent())!.trim().replace(/^#/, "");
  await tagLink.click();

  await expect(page).toHaveURL(new RegExp(`/tags/${tagSlug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const notesSection = page.getByRole("region", { name: "Notes", exact: true });
  await expect(notesSection.getByRole("link", { name: title, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Atom feed for / })).toHaveAttribute(
    "type",
    "application/atom+xml",
  );
}

async function openATagWithEveryKind(page: Page) {
  const response = await page.goto("/tags");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  const card = page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ hasText: /articles? · \d+ notes? · \d+ summar/ })
    .first();
  const link = card.getByRole("link");
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  for (const kind of ["Articles", "Notes", "Summaries"]) {
    const section = page.getByRole("region", { name: kind, exact: true });
    await expect(section).toBeVisible();
    expect(await section.getByRole("listitem").count()).toBeGreaterThan(0);
  }
  const original = page.getByRole("region", { name: "Summaries", exact: true }).getByRole("link").first();
  await expect(original).toHaveAttribute("rel", /noopener/);
}

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("browse notes, open one, follow a tag", async ({ page }) => {
    await browseNotesToATag(page);
  });

  test("the tag index leads to a tag page with every kind", async ({ page }) => {
    await openATagWithEveryKind(page);
  });
});

test("after hydration, the notes-to-tag journey never reloads the page", async ({ page }) => {
  await page.goto("/notes");
  await page.waitForSelector("html[data-hydrated]");
  await page.evaluate(() => ((window as any).__marker = "still here"));
  const link = page
    .getByRole("list", { name: "Notes, newest first" })
    .getByRole("article")
    .filter({ has: page.getByRole("list", { name: "Tags" }) })
    .first()
    .getByRole("heading", { level: 2 })
    .getByRole("link");
  const title = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("article").getByRole("list", { name: "Tags" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Notes", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "All tags" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__marker)).toBe("still here");
});

test("the tag index with JavaScript on", async ({ page }) => {
  await openATagWithEveryKind(page);
});

test("an unknown note or tag answers 404", async ({ page }) => {
  for (const path of ["/notes/no-such-note", "/tags/no-such-tag"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
});

test("notes and tags pages pass an automated WCAG 2.2 AA check", async ({ page }) => {
  await page.goto("/notes");
  const note = await page
    .getByRole("list", { name: "Notes, newest first" })
    .getByRole("heading", { level: 2 })
    .getByRole("link")
    .first()
    .getAttribute("href");
  await page.goto("/tags");
  const tag = await page.getByRole("main").getByRole("listitem").getByRole("link").first().getAttribute("href");
  for (const path of ["/notes", note!, "/tags", tag!]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(results.violations, path).toEqual([]);
  }
});
