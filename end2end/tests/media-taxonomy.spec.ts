// Images in the editor (paste, pick, refuse what is not an image) and
// renaming a tag with its old address redirecting. Each journey writes its
// own content with a unique marker.
import { expect, test, type Page } from "./support/test";
import { editorId, openNew, signIn, unique, waitSaved } from "./support/author";

// A real 24 × 16 PNG, made for these tests.
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAClUlEQVR4nBXSERuGMBiF4XEyicfJJB4nk3icTOKHk0k8TibxOJnE42TS7/j63h9wX+c65xVC0Al6gRIMglFgBJNgFjjBIlgFCDbBLoiCQ3AKsuAS3IIqeASvQAhJJ+klSjJIRomRTJJZ4iSLZJUg2SS7JEoOySnJkktyS6rkkbzygxSdolcoxaAYFUYxKWaFUyyKVYFiU+yKqDgUpyIrLsWtqIpH8aoP0nSaXqM0g2bUGM2kmTVOs2hWDZpNs2ui5tCcmqy5NLemah7Nqz/I0Bl6gzIMhtFgDJNhNjjDYlgNGDbDboiGw3AasuEy3IZqeAyv+SBLZ+ktyjJYRouxTJbZ4iyLZbVg2Sy7JVoOy2nJlstyW6rlsbz2gxydo3cox+AYHcYxOWaHcyyO1YFjc+yO6DgcpyM7LsftqI7H8boP8nSe3qM8g2f0GM/kmT3Os3hWD57Ns3ui5/Ccnuy5PLeneh7P6z8IOuj/yzDA+C+ECeZ/DhZY+d8GO0Q44IQMF9xQ4YH3ezUR6AJ9QAWGwBgwgSkwB1xgCawBAltgD8TAETgDOXAF7kANPIE3fFCki/QRFRkiY8REpsgccZElssZ/ki2yR2LkiJyRHLkid6RGnsgbPyjRJfqESgyJMWESU2JOuMSSWBMktsSeiIkjcSZy4krciZp4Em/6oEyX6TMqM2TGjMlMmTnjMktmzf9KtsyeiZkjc2Zy5srcmZp5Mm/+oEJX6AuqMBTGgilMhbngCkthLVDYCnshFo7CWciFq3AXauEpvOWDKl2lr6jKUBkrpjJV5oqrLJW1/rfZKnslVo7KWcmVq3JXauWpvPWDGl2jb6jG0BgbpjE15oZrLI21QWNr7I3YOBpnIzeuxt2ojafxNn6Q3Alf0XLvqwAAAABJRU5ErkJggg==";

/** Pastes a file into the body as the browser does for a copied image. */
async function pasteImage(page: Page, name: string, base64: string, type: string) {
  await page.locator("#body").evaluate(
    (area, { name, base64, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, base64, type },
  );
}

test("paste an image, describe it, see it in the preview and on the published page", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "article");
  const title = unique("Pictured");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Category").fill("Photography");
  await page.locator("#body").fill("Above the picture.\n");
  await page.locator("#body").evaluate((a: HTMLTextAreaElement) => a.setSelectionRange(a.value.length, a.value.length));
  await pasteImage(page, "diagram.png", PNG_BASE64, "image/png");

  const dialog = page.getByRole("dialog", { name: "Add an image" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("diagram.png");
  await dialog.getByRole("button", { name: "Insert image" }).click();
  await expect(dialog.getByText("Describe the image")).toBeVisible();
  await dialog.getByLabel("What does it show?").fill("A tiny test diagram");
  await dialog.getByRole("button", { name: "Insert image" }).click();
  await expect(page.getByTestId("image-status")).toContainText("Added diagram.png (24 × 16)");
  await expect(page.locator("#body")).toHaveValue(/Above the picture\.\n\n!\[A tiny test diagram\]\(\/media\/[0-9a-f]{32}\.png\)\n/);

  const preview = page.getByTestId("preview").getByRole("img", { name: "A tiny test diagram" });
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute("width", "24");
  await expect(preview).toHaveAttribute("height", "16");

  await page.getByRole("button", { name: "Publish now" }).click();
  await waitSaved(page);
  await editorId(page);
  const slug = await page.getByLabel("Slug").inputValue();
  await page.goto(`/articles/${slug}`);
  const published = page.getByRole("main").getByRole("img", { name: "A tiny test diagram" });
  await expect(published).toBeVisible();
  expect(await published.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  const src = await published.getAttribute("src");
  const served = await page.request.get(src!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  await page.goto("/admin/media");
  await expect(page.getByRole("link", { name: `Article: ${title}` })).toBeVisible();
  await expect(page.getByRole("button", { name: /Delete diagram\.png/ }).first()).toBeDisabled();
});

test("a file that is not an image, named .png, is refused with a message and the text is unchanged", async ({ page }) => {
  await signIn(page);
  await openNew(page, "note");
  await page.getByLabel("Title").fill(unique("Refused upload"));
  await page.locator("#body").fill("My words stay.");
  await page.getByTestId("image-picker").setInputFiles({
    name: "holiday.png",
    mimeType: "image/png",
    buffer: Buffer.from("#!/bin/sh\necho this is a script, not a picture\n"),
  });
  const dialog = page.getByRole("dialog", { name: "Add an image" });
  await dialog.getByLabel(/Decorative/).check();
  await dialog.getByRole("button", { name: "Insert image" }).click();
  await expect(page.getByTestId("image-status")).toContainText(
    "holiday.png was not added: This file is not an image Folio can use",
  );
  await expect(page.locator("#body")).toHaveValue("My words stay.");
});

test("rename a tag and its old address redirects to the new one", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page);
  await openNew(page, "note");
  const marker = unique("retag");
  const word = marker.split(" ").pop()!;
  const tag = `Old ${word}`;
  await page.getByLabel("Title").fill(`Note ${marker}`);
  const tags = page.getByRole("combobox", { name: "Tags" });
  await tags.fill(tag);
  await tags.press("Enter");
  await page.locator("#body").fill("Filed under a tag about to be renamed.");
  await page.getByRole("button", { name: "Publish now" }).click();
  await waitSaved(page);
  const oldSlug = `old-${word}`;
  expect((await page.request.get(`/tags/${oldSlug}`)).status()).toBe(200);

  await page.goto("/admin/taxonomy");
  await page.waitForSelector("html[data-hydrated]");
  await page.getByText(`Change “${tag}”`).click();
  const form = page.getByRole("form", { name: `Rename ${tag}` });
  await form.getByLabel("Name").fill(`New ${word}`);
  await form.getByLabel("Address (slug)").fill(`new-${word}`);
  await form.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByTestId("taxonomy-message")).toContainText(`Renamed to “New ${word}”`);

  const moved = await page.request.get(`/tags/${oldSlug}`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()["location"]).toBe(`/tags/new-${word}`);
  const response = await page.goto(`/tags/${oldSlug}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/tags/new-${word}$`));
  await expect(page.getByRole("main")).toContainText(`Note ${marker}`);
});
