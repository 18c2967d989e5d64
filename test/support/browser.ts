/**
 * Builds a page of the task pane with webpack, serves it on localhost and
 * opens it in Debian's Chromium through playwright-core (Playwright cannot
 * download its own browsers here).
 */
import { createReadStream, existsSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname, extname, join } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { bundle } from "./bundle";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Builds `entry` (a .tsx file) into a page; returns the output folder. */
export async function buildPage(entry: string): Promise<string> {
  const out = dirname(await bundle(entry, "web", { filename: "pane.js", minimize: true }));
  writeFileSync(
    join(out, "index.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>POA&amp;M Workbench</title></head><body><div id="root"></div><script src="pane.js"></script></body></html>',
  );
  return out;
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".png": "image/png" };

/** Serves `folder` on a free localhost port. */
export async function serve(folder: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = join(folder, decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname).replace(/^\/$/, "/index.html"));
    if (!path.startsWith(folder) || !existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
