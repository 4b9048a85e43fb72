// Every admin page, scanned by axe-core for WCAG 2.2 AA problems in the
// light and the dark theme.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { editorId, openNew, signIn, unique, waitSaved } from "./support/author";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function scan(page: Page, route: string, ready: () => Promise<void>) {
  await page.goto(route);
  await page.waitForSelector("html[data-hydrated]");
  await ready();
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map((v) => `${route}: ${v.id} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

for (const scheme of ["light", "dark"] as const) {
  test(`every admin page passes axe in the ${scheme} theme`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ colorScheme: scheme });
    const anonymous = await context.newPage();
    const problems = await scan(anonymous, "/admin/login", () => expect(anonymous.getByLabel("Password")).toBeVisible());
    await context.close();

    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page);
    await openNew(page, "article");
    await page.getByLabel("Title").fill(unique("Axe article"));
    await page.getByLabel("Category").fill("Testing");
    await page.getByLabel("Text (markdown)").fill("## A heading\n\n```rust\nfn main() {}\n```\n\n```klingon\nx\n```\n");
    await waitSaved(page);
    const id = await editorId(page);
    const editorReady = () => expect(page.getByTestId("preview").getByRole("heading", { name: "A heading" })).toBeVisible();
    problems.push(...(await scan(page, "/admin", () => expect(page.getByRole("region", { name: "Drafts" })).toBeVisible())));
    for (const kind of ["article", "note", "summary"]) {
      problems.push(...(await scan(page, `/admin/new/${kind}`, () => expect(page.getByLabel("Title")).toBeVisible())));
    }
    problems.push(...(await scan(page, `/admin/edit/article/${id}`, editorReady)));
    problems.push(...(await scan(page, `/admin/history/article/${id}`, () => expect(page.getByTestId("diff")).toBeVisible())));
    expect(problems, problems.join("\n")).toEqual([]);
  });
}
