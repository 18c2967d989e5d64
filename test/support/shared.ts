/**
 * Paths into ../shared, which sits beside the repository on every machine
 * that runs the tests. The product never reads it; tests compare against it.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const SHARED = resolve(__dirname, "..", "..", "..", "shared");

export function sharedFile(...parts: string[]): string {
  const path = join(SHARED, ...parts);
  if (!existsSync(path)) {
    throw new Error(`Missing ${path}: the tests read the shared reference data from ../shared beside the repository.`);
  }
  return path;
}
