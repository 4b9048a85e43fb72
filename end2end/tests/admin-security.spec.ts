// The guard as a visitor meets it: the sign-in page with JavaScript off,
// the rate limit, cross-origin writes, and no admin data before sign-in.
import { expect, test } from "./support/test";
import { AUTHOR, unique } from "./support/author";

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("anonymous visitors at /admin get the sign-in form, and it works", async ({ page }) => {
    await page.goto("/admin/edit/article/1");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText("Drafts");
    await page.goto("/admin/login");
    await page.getByLabel("Name").fill(AUTHOR.name);
    await page.getByLabel("Password").fill(AUTHOR.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("navigation", { name: "Author" })).toContainText(`Signed in as ${AUTHOR.name}`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  });

  test("repeated wrong passwords are rate-limited with a clear message and a 429", async ({ page }) => {
    const name = unique("nobody").replace(" ", "-");
    let last = 0;
    page.on("response", (r) => {
      if (r.url().endsWith("/admin/login") && r.request().method() === "POST") last = r.status();
    });
    for (let i = 0; i < 5; i++) {
      await page.goto("/admin/login");
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Password").fill(`wrong password ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toContainText("do not match");
      expect(last).toBe(401);
    }
    await page.getByLabel("Password").fill("wrong again");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText(/Too many attempts — try again in \d+ seconds/);
    expect(last).toBe(429);
  });
});

test("a cross-origin POST to a write function is refused", async ({ page, request }) => {
  const answer = await request.post("/api/save_item", {
    headers: { Origin: "http://evil.example", "Content-Type": "application/json" },
    data: { request: { doc: { kind: "note", title: "Planted", slug: "planted-note", status: "published" } } },
  });
  expect(answer.status()).toBe(403);
  const anonymous = await request.post("/api/save_item", { data: {} });
  expect(anonymous.status()).toBe(401);
  expect((await page.request.get("/notes/planted-note")).status()).toBe(404);
});
