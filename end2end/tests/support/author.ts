// The author the Playwright server is started with, and helpers for the
// journeys that write. Every writing journey makes its own content with a
// unique marker, so parallel runs never see each other's writes.
import { expect, type Page } from "@playwright/test";

export const AUTHOR = { name: "e2e-author", password: "a long test password, not a real one" };

/** A marker no other test (or the demo site) contains. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs in through the real form, as a browser would. */
export async function signIn(page: Page): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Name").fill(AUTHOR.name);
  await page.getByLabel("Password").fill(AUTHOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

/** The editor's save indicator, by its machine-readable state. */
export function saveState(page: Page) {
  return page.locator("[data-save-state]");
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(saveState(page)).toHaveAttribute("data-save-state", "saved", { timeout: 15_000 });
}

/** Opens a new editor of `kind`, hydrated and ready for typing. */
export async function openNew(page: Page, kind: "article" | "note" | "summary"): Promise<void> {
  await page.goto(`/admin/new/${kind}`);
  await page.waitForSelector("html[data-hydrated]");
  await expect(page.getByLabel("Title")).toBeVisible();
}

/** The id of the item the editor has open, once it has been saved. */
export async function editorId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/admin\/edit\/[a-z]+\/\d+$/);
  return page.url().split("/").pop()!;
}
