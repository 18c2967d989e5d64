/**
 * Time to the task pane's first meaningful render: the production build
 * served from localhost and opened in headless Chromium, Office.js answered
 * by bench/officeStub.ts in its place, each load in a fresh browser context
 * (nothing cached). The clock runs from navigation start until the frame in
 * which Home shows the workbook's status with its Set up button.
 */
import { readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { dirname } from "node:path";
import { launchChromium, serve } from "../test/support/browser";
import { STRINGS } from "../src/taskpane/strings";
import { bundle } from "../test/support/bundle";

/** Where production pages load Office.js from (webpack.config.js). */
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

declare global {
  interface Window {
    firstMeaningfulRender?: number;
  }
}

/** Loads the pane in `dir` `runs` times, after one load to warm up; returns each load's milliseconds. */
export async function measureFirstRender(dir: string, runs: number): Promise<number[]> {
  const stubPath = await bundle("bench/officeStub.ts", "web");
  const stub = readFileSync(stubPath, "utf8");
  rmSync(dirname(stubPath), { recursive: true });
  const { url, server } = await serve(dir);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on("pageerror", (error) => problems.push(error.message));
        page.on("request", (request) => {
          if (!request.url().startsWith(url) && request.url() !== OFFICE_JS) problems.push(`unexpected request to ${request.url()}`);
        });
        await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: stub }));
        await page.addInitScript((label: string) => {
          const shown = () => [...document.querySelectorAll("button")].some((button) => button.textContent === label);
          new MutationObserver((_, observer) => {
            if (!shown()) return;
            observer.disconnect();
            requestAnimationFrame(() => (window.firstMeaningfulRender = performance.now()));
          }).observe(document, { childList: true, subtree: true });
        }, STRINGS.none.action);
        await page.goto(`${url}taskpane.html`);
        await page.waitForFunction(() => window.firstMeaningfulRender !== undefined, undefined, { timeout: 30_000 });
        if (problems.length > 0) throw new Error(`The pane did not load cleanly: ${problems.join("; ")}`);
        const time = await page.evaluate(() => window.firstMeaningfulRender as number);
        if (run > 0) times.push(time);
      } finally {
        await context.close();
      }
    }
    return times;
  } finally {
    await browser.close();
    await closeServer(server);
  }
}

const closeServer = (server: Server) => new Promise((done) => server.close(done));
