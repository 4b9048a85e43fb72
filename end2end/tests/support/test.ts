// The `test` every journey uses: Playwright's own, watching every page of
// the test's browser context for Content-Security-Policy violations. Any
// violation fails the test, so the site and the editor are proven to work
// under the policy the server sends (server/tests/responses.rs proves the
// policy itself).
import { test as base, expect, type Page } from "@playwright/test";

export { expect };
export type { Locator, Page, Request } from "@playwright/test";

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) => {
        page.on("console", (message) => {
          if (/Content Security Policy/i.test(message.text())) {
            violations.push(`${page.url()}: ${message.text()}`);
          }
        });
        // Names the document that came without its page policy, so a
        // failure says which response to look at.
        page.on("response", async (response) => {
          if (response.request().resourceType() !== "document") return;
          const headers = await response.allHeaders();
          const policy = headers["content-security-policy"] ?? "";
          if ((headers["content-type"] ?? "").startsWith("text/html") && !policy.includes("'nonce-")) {
            violations.push(
              `${response.url()} answered ${response.status()} (${response.request().method()}) with the policy "${policy}"`,
            );
          }
        });
      };
      // Chromium logs what it blocks; the event also names what an
      // extension-free page did (an eval, an inline handler, a style).
      await context.addInitScript(() =>
        document.addEventListener("securitypolicyviolation", (event) =>
          console.error(
            `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
          ),
        ),
      );
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(violations);
      expect(violations, "no Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
