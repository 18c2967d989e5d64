/**
 * Recalculates a workbook with LibreOffice, headless, and returns the saved
 * result, so tests can read what the stored formulas compute.
 *
 * LibreOffice allows one running instance per user profile, so every call
 * gets a profile of its own (`-env:UserInstallation`). The profile also tells
 * LibreOffice to recalculate every formula on load instead of trusting cached
 * values.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export const SOFFICE = process.env.SOFFICE ?? "soffice";

/**
 * Converts `input` (an .xlsx) with LibreOffice to `format` ("xlsx", "pdf")
 * and returns the converted bytes.
 */
export async function convertWithLibreOffice(input: Uint8Array, format = "xlsx"): Promise<Buffer> {
  const work = mkdtempSync(join(tmpdir(), "poam-lo-"));
  try {
    const profile = join(work, "profile");
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), ALWAYS_RECALCULATE);
    const source = join(work, "workbook.xlsx");
    const out = join(work, "out");
    writeFileSync(source, input);
    await run(
      SOFFICE,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--convert-to", format, "--outdir", out, source],
      { timeout: 120_000 },
    );
    return readFileSync(join(out, `workbook.${format}`));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The workbook as LibreOffice computes it. */
export function recalculate(input: Uint8Array): Promise<Buffer> {
  return convertWithLibreOffice(input, "xlsx");
}
