// The author's journeys: sign in, write and publish with the keyboard,
// lose the network, open two tabs, schedule, use history and the trash.
// Each journey writes its own content with a unique marker.
import { expect, test, type Page } from "./support/test";
import { editorId, openNew, saveState, signIn, unique, waitSaved } from "./support/author";

/** Presses Tab until the control named `name` has focus. */
async function tabTo(page: Page, name: RegExp) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.getAttribute("aria-label") ?? ""} ${el.textContent ?? ""} ${el.id}` : "";
    });
    if (name.test(label)) return;
  }
  throw new Error(`never reached ${name}`);
}

test("write an article with the keyboard only, see the preview, publish, and find it everywhere", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "article");
  const title = unique("Keyboard written");
  const word = title.split(" ").pop()!;
  await page.getByLabel("Title").focus();
  await page.keyboard.type(title);
  await expect(page.getByLabel("Slug")).toHaveValue(/^keyboard-written-/);
  await page.keyboard.press("Tab"); // slug
  await page.keyboard.press("Tab"); // summary line
  await page.keyboard.type("Typed without touching the mouse.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keyboard Craft");
  await page.keyboard.press("Tab");
  await page.keyboard.type("keyboards");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Tags on this item" })).toContainText("keyboards");
  await tabTo(page, /\bbody$/);
  await page.keyboard.type(`## First heading\n\nThe word ${word} is searchable. `);
  await page.keyboard.press("Control+B");
  await page.keyboard.type("strong");
  await expect(page.getByTestId("preview").getByRole("heading", { name: "First heading" })).toBeVisible();
  await expect(page.getByTestId("preview").locator("strong")).toHaveText("strong");
  await expect(page.getByTestId("word-count")).toContainText("words · 1 min read");
  await page.keyboard.press("Control+S");
  await waitSaved(page);
  await tabTo(page, /Publish now/);
  await page.keyboard.press("Enter");
  await waitSaved(page);
  await expect(page.getByRole("radio", { name: /Published/ })).toBeChecked();

  const slug = await page.getByLabel("Slug").inputValue();
  const response = await page.goto(`/articles/${slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("main").locator("strong")).toHaveText("strong");
  await page.goto("/articles?category=keyboard-craft");
  await expect(page.getByRole("main")).toContainText(title);
  await page.goto(`/search?q=${word}`);
  await expect(page.getByRole("main")).toContainText(title);
  const feed = await page.request.get("/feed.xml");
  expect(await feed.text()).toContain(title);
});

test("a network cut loses nothing: offline edits sync, and a closed tab offers its copy back", async ({ page, context }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "note");
  const title = unique("Offline note");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text (markdown)").fill("Written online.");
  await waitSaved(page);
  const url = page.url();
  expect(url).toMatch(/\/admin\/edit\/note\/\d+$/);

  await context.setOffline(true);
  await page.getByLabel("Text (markdown)").pressSequentially(" Typed while offline.");
  await expect(saveState(page)).toHaveAttribute("data-save-state", "offline", { timeout: 15_000 });
  await context.setOffline(false);
  await waitSaved(page);

  await context.setOffline(true);
  await page.getByLabel("Text (markdown)").pressSequentially(" Then the tab closed.");
  // This tab never reaches the server again: its network stays down while
  // the browser's comes back. (A page closed by Playwright can run a moment
  // longer, and on the "online" event it would save before the next page
  // looks for its copy; that case is a server test: the same words sent
  // again are saved, not a conflict.)
  await expect(saveState(page)).toHaveAttribute("data-save-state", "offline", { timeout: 15_000 });
  await page.evaluate(() => {
    window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
  });
  await context.setOffline(false);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await again.waitForSelector("html[data-hydrated]");
  const offer = again.getByRole("alert").filter({ hasText: "Unsaved work found in this browser" });
  await expect(offer).toBeVisible();
  await offer.getByRole("button", { name: "Restore my unsaved work" }).click();
  await expect(again.getByLabel("Text (markdown)")).toHaveValue("Written online. Typed while offline. Then the tab closed.");
  await waitSaved(again);
  await again.reload();
  await again.waitForSelector("html[data-hydrated]");
  await expect(again.getByLabel("Text (markdown)")).toHaveValue("Written online. Typed while offline. Then the tab closed.");
  await expect(again.getByText("Unsaved work found in this browser")).toHaveCount(0);
});

test("a save whose answer is lost is not a conflict with itself", async ({ page }) => {
  await signIn(page);
  await openNew(page, "note");
  await page.getByLabel("Title").fill(unique("Lost answer"));
  await page.getByLabel("Text (markdown)").fill("First words.");
  await waitSaved(page);

  // The save reaches the server, but its answer never comes back.
  let lost = 0;
  await page.route("**/api/save_item", async (route) => {
    await route.fetch();
    lost += 1;
    await route.abort("connectionreset");
  });
  await page.getByLabel("Text (markdown)").pressSequentially(" Second.");
  await expect(saveState(page)).toHaveAttribute("data-save-state", "failed", { timeout: 15_000 });
  expect(lost).toBe(1);
  await page.unroute("**/api/save_item");

  // The editor goes on from the version it knows; the server knows the
  // words came from this same editor, so they are saved, not disputed.
  await page.getByLabel("Text (markdown)").pressSequentially(" Third.");
  await waitSaved(page);
  await expect(page.getByRole("heading", { name: "This was changed somewhere else" })).toHaveCount(0);
  await page.reload();
  await page.waitForSelector("html[data-hydrated]");
  await expect(page.getByLabel("Text (markdown)")).toHaveValue("First words. Second. Third.");
});

test("leaving with unsaved changes asks first", async ({ page }) => {
  await signIn(page);
  await openNew(page, "note");
  await page.getByLabel("Title").fill(unique("Leaving"));
  let asked = false;
  page.on("dialog", async (dialog) => {
    asked = dialog.type() === "beforeunload";
    await dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
});

test("the same draft in two tabs: the second save is a conflict, not an overwrite", async ({ page, context }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "article");
  await page.getByLabel("Title").fill(unique("Two tabs"));
  await page.getByLabel("Category").fill("Testing");
  await page.getByLabel("Text (markdown)").fill("The first words.");
  await waitSaved(page);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForSelector("html[data-hydrated]");
  await expect(other.getByLabel("Text (markdown)")).toHaveValue("The first words.");

  await page.getByLabel("Text (markdown)").fill("Tab one's version.");
  await waitSaved(page);
  await other.getByLabel("Text (markdown)").fill("Tab two's version.");
  const conflict = other.getByRole("alert").filter({ hasText: "This was changed somewhere else" });
  await expect(conflict).toBeVisible({ timeout: 15_000 });
  await expect(conflict).toContainText("Tab one's version.");
  await expect(conflict).toContainText("Tab two's version.");
  await expect(saveState(other)).toHaveAttribute("data-save-state", "conflict");
  await conflict.getByRole("button", { name: "Keep my version" }).click();
  await waitSaved(other);
  await page.reload();
  await page.waitForSelector("html[data-hydrated]");
  await expect(page.getByLabel("Text (markdown)")).toHaveValue("Tab two's version.");
});

test("a scheduled note appears on the site once its time has come, without a restart", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "note");
  const title = unique("Scheduled note");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text (markdown)").fill("Comes out a little later.");
  await page.getByRole("radio", { name: /Scheduled/ }).check();
  const soon = await page.evaluate(() => {
    const d = new Date(Date.now() + 6_000);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  });
  await page.getByLabel("Publish at (your time)").fill(soon);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await waitSaved(page);
  const slug = await page.getByLabel("Slug").inputValue();
  expect((await page.request.get(`/notes/${slug}`)).status()).toBe(404);
  await page.goto("/admin");
  await expect(page.getByRole("region", { name: "Scheduled" })).toContainText(title);
  await expect.poll(async () => (await page.request.get(`/notes/${slug}`)).status(), { timeout: 20_000, intervals: [1000] }).toBe(200);
  await page.goto("/notes");
  await expect(page.getByRole("main")).toContainText(title);
});

test("revision history shows a diff and restores an older version", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "article");
  await page.getByLabel("Title").fill(unique("History"));
  await page.getByLabel("Category").fill("Testing");
  const body = page.getByLabel("Text (markdown)");
  await body.fill("The original sentence.");
  await waitSaved(page);
  await page.keyboard.press("Control+S");
  await waitSaved(page);
  await body.fill("A rewritten sentence.");
  await waitSaved(page);
  await page.getByRole("link", { name: "Revision history" }).click();
  const diff = page.getByTestId("diff");
  await expect(diff).toContainText("removed: - The original sentence.");
  await expect(diff).toContainText("added: + A rewritten sentence.");
  await page.getByRole("button", { name: /Restore the revision/ }).last().click();
  await expect(page).toHaveURL(/\/admin\/edit\/article\/\d+$/);
  await expect(page.getByLabel("Text (markdown)")).toHaveValue("The original sentence.");
  await page.getByRole("link", { name: "Revision history" }).click();
  await expect(page.getByRole("list", { name: "Revisions, newest first" }).getByRole("listitem")).toHaveCount(3);
});

test("trash takes an item off the site and restore brings it back", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "note");
  const title = unique("Trash me");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text (markdown)").fill("Soon in the bin.");
  await page.getByRole("button", { name: "Publish now" }).click();
  await waitSaved(page);
  const slug = await page.getByLabel("Slug").inputValue();
  expect((await page.request.get(`/notes/${slug}`)).status()).toBe(200);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByText("This item is in the trash")).toBeVisible();
  expect((await page.request.get(`/notes/${slug}`)).status()).toBe(404);
  await page.goto("/admin");
  const trash = page.getByRole("region", { name: "Trash" });
  await trash.getByRole("button", { name: `Restore ${title}` }).click();
  await expect(trash).not.toContainText(title);
  expect((await page.request.get(`/notes/${slug}`)).status()).toBe(200);
});

test("field errors are shown beside their field and nothing is lost", async ({ page }) => {
  await signIn(page);
  await openNew(page, "summary");
  await page.getByLabel("Title").fill(unique("Bad link"));
  await page.getByLabel("Original address").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saveState(page)).toHaveAttribute("data-save-state", "invalid");
  await expect(page.getByLabel("Original address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Only http://, https:// and mailto: addresses can be linked")).toBeVisible();
  await expect(page.getByText("Name the publication this summarises")).toBeVisible();
  await expect(page.getByLabel("Original address")).toHaveValue("javascript:alert(1)");
});

test("code in a language the highlighter does not know is flagged before publishing", async ({ page }) => {
  await signIn(page);
  await openNew(page, "note");
  await page.getByLabel("Text (markdown)").fill("```klingonscript\nqaStaH nuq\n```\n");
  await expect(page.getByRole("status").filter({ hasText: "Code will not be highlighted" })).toContainText("klingonscript");
});

test("the editor is usable at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page);
  await openNew(page, "note");
  await page.getByLabel("Title").fill(unique("Phone note"));
  await page.getByLabel("Text (markdown)").fill("Typed on a phone.");
  await waitSaved(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("button", { name: "Publish now" })).toBeVisible();
});

test("the profile editor changes the about page, and refuses a script link beside its field", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await page.goto("/admin/profile");
  await page.waitForSelector("html[data-hydrated]");
  await expect(page.getByLabel("Name")).not.toHaveValue("");
  const headline = unique("Headline");
  await page.getByLabel("Headline").fill(headline);
  await page.getByRole("button", { name: "Add a link" }).click();
  const label = page.getByLabel("Label", { exact: true }).last();
  const name = unique("Elsewhere");
  await label.pressSequentially(name);
  await expect(label).toHaveValue(name);
  await expect(label).toBeFocused();
  const address = page.getByLabel("Address", { exact: true }).last();
  await address.pressSequentially("javascript:alert(1)");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Only http://, https:// and mailto: addresses can be linked")).toBeVisible();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await address.fill("https://social.example/@me");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved at" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("main")).toContainText(headline);
  await expect(page.getByRole("link", { name })).toHaveAttribute("href", "https://social.example/@me");
});
