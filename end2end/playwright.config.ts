// Playwright drives the system Chromium against a release build of Folio
// that serves a fresh SQLite file filled with the demo site.
import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AUTHOR } from "./tests/support/author";

const port = Number(process.env.FOLIO_E2E_PORT ?? 3310);
const baseURL = `http://127.0.0.1:${port}`;
const bin = process.env.FOLIO_BIN ?? resolve(__dirname, "../target/release/folio");
// The config is evaluated by every worker; only the server command uses this.
const db = process.env.FOLIO_E2E_DB ?? join(mkdtempSync(join(tmpdir(), "folio-e2e-")), "folio.db");

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL, trace: "retain-on-failure" },
  projects: [{ name: "chromium", use: chromium }],
  webServer: {
    // The author the editor journeys sign in as (tests/support/author.ts).
    command: `export RUST_LOG=warn; printf '%s\\n' '${AUTHOR.password}' | "${bin}" user add ${AUTHOR.name} --password-stdin --db "${db}" && exec "${bin}" serve --addr 127.0.0.1:${port} --db "${db}"`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
