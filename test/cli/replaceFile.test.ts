/**
 * Replacing a user's workbook file: the new bytes in place and the previous
 * version as FILE.bak when all goes well; on any failure the file, an
 * existing FILE.bak and the folder's listing as they were.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../src/cli/io";
import { excelLockFile, replaceWorkbookFile } from "../../src/cli/replaceFile";

const PREVIOUS = new Uint8Array([1, 2, 3]);
const CHANGED = new Uint8Array([4, 5, 6, 7]);
const accept = () => Promise.resolve();

/** A folder holding POAM.xlsx with the previous bytes; its path and the file's. */
function folder(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "poam-replace-"));
  const file = join(dir, "POAM.xlsx");
  writeFileSync(file, PREVIOUS);
  return { dir, file };
}

const listing = (dir: string) => readdirSync(dir).sort();

describe("replaceWorkbookFile", () => {
  it("puts the new bytes in place and keeps the previous version as FILE.bak, leaving no temporary file", async () => {
    const { dir, file } = folder();
    await replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: accept });
    expect(new Uint8Array(readFileSync(file))).toEqual(CHANGED);
    expect(new Uint8Array(readFileSync(`${file}.bak`))).toEqual(PREVIOUS);
    expect(listing(dir)).toEqual(["POAM.xlsx", "POAM.xlsx.bak"]);
  });

  it("replaces an older FILE.bak, and keeps none without backup", async () => {
    const { dir, file } = folder();
    writeFileSync(`${file}.bak`, "older");
    await replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: accept });
    expect(new Uint8Array(readFileSync(`${file}.bak`))).toEqual(PREVIOUS);

    const other = folder();
    await replaceWorkbookFile("POAM.xlsx", other.file, PREVIOUS, CHANGED, { backup: false, verify: accept });
    expect(listing(other.dir)).toEqual(["POAM.xlsx"]);
    expect(listing(dir)).toEqual(["POAM.xlsx", "POAM.xlsx.bak"]);
  });

  it("checks the bytes as written to the disk, not those it was given", async () => {
    const { file } = folder();
    const seen: Uint8Array[] = [];
    await replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: false, verify: (written) => Promise.resolve(void seen.push(written)) });
    expect(seen).toEqual([CHANGED]);
    expect(seen[0]).not.toBe(CHANGED);
  });

  it("leaves the file, its FILE.bak and the folder as they were when the check fails, with the check's message", async () => {
    const { dir, file } = folder();
    writeFileSync(`${file}.bak`, "older");
    const failing = () => Promise.reject(new UsageError("POAM.xlsx: the written copy has 3 items, not 4; it is as it was."));
    await expect(replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: failing })).rejects.toThrow("the written copy has 3 items, not 4");
    expect(new Uint8Array(readFileSync(file))).toEqual(PREVIOUS);
    expect(readFileSync(`${file}.bak`, "utf8")).toBe("older");
    expect(listing(dir)).toEqual(["POAM.xlsx", "POAM.xlsx.bak"]);
  });

  it("turns an unexpected failure of the check into a message that the file is as it was", async () => {
    const { dir, file } = folder();
    const broken = () => Promise.reject(new Error("end of central directory not found"));
    await expect(replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: broken })).rejects.toThrow(
      new UsageError("POAM.xlsx could not be changed (end of central directory not found); it is as it was."),
    );
    expect(new Uint8Array(readFileSync(file))).toEqual(PREVIOUS);
    expect(listing(dir)).toEqual(["POAM.xlsx"]);
  });

  it("leaves the file as it was when the backup cannot take FILE.bak's place", async () => {
    const { dir, file } = folder();
    // A folder where FILE.bak would go: renaming a file over it fails, for root too.
    mkdirSync(`${file}.bak`);
    writeFileSync(join(`${file}.bak`, "inside"), "mine");
    await expect(replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: accept })).rejects.toThrow(/^POAM\.xlsx could not be changed \(.+\); it is as it was\.$/);
    expect(new Uint8Array(readFileSync(file))).toEqual(PREVIOUS);
    expect(readFileSync(join(`${file}.bak`, "inside"), "utf8")).toBe("mine");
    expect(listing(dir)).toEqual(["POAM.xlsx", "POAM.xlsx.bak"]);
  });

  it("gives the new file and the backup the file's permissions", async () => {
    const { file } = folder();
    chmodSync(file, 0o600);
    await replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: accept });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o640);
    await replaceWorkbookFile("POAM.xlsx", file, CHANGED, PREVIOUS, { backup: true, verify: accept });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it("writes nothing when the file was saved by someone else while the command worked", async () => {
    const { dir, file } = folder();
    // Saved from Excel, say, between the command's reading and its writing.
    const savedMeanwhile = () => Promise.resolve(writeFileSync(file, "their edit"));
    await expect(replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: savedMeanwhile })).rejects.toThrow(
      new UsageError("POAM.xlsx was saved by another program while poam was working on it; run again to make the change to what it holds now. Nothing was written."),
    );
    expect(readFileSync(file, "utf8")).toBe("their edit");
    expect(listing(dir)).toEqual(["POAM.xlsx"]);
  });

  it("writes nothing when the file was opened in Excel while the command worked", async () => {
    const { dir, file } = folder();
    const openedMeanwhile = () => Promise.resolve(writeFileSync(join(dir, "~$POAM.xlsx"), ""));
    await expect(replaceWorkbookFile("POAM.xlsx", file, PREVIOUS, CHANGED, { backup: true, verify: openedMeanwhile })).rejects.toThrow(/^POAM\.xlsx was opened in Excel \(.+~\$POAM\.xlsx is there\) while poam was working on it; close it, then run again\. Nothing was written\.$/);
    expect(new Uint8Array(readFileSync(file))).toEqual(PREVIOUS);
    expect(listing(dir)).toEqual(["POAM.xlsx", "~$POAM.xlsx"]);
  });

  it("refuses when the file's folder is gone, writing nothing", async () => {
    const { dir } = folder();
    const missing = join(dir, "gone", "POAM.xlsx");
    await expect(replaceWorkbookFile("gone/POAM.xlsx", missing, PREVIOUS, CHANGED, { backup: true, verify: accept })).rejects.toThrow(/^gone\/POAM\.xlsx could not be changed \(.+\); it is as it was\.$/);
    expect(listing(dir)).toEqual(["POAM.xlsx"]);
  });
});

describe("excelLockFile", () => {
  it("finds Excel's lock file beside a workbook it has open, and nothing otherwise", () => {
    const { dir, file } = folder();
    expect(excelLockFile(file)).toBeUndefined();
    writeFileSync(join(dir, "~$POAM.xlsx"), "");
    expect(excelLockFile(file)).toBe(join(dir, "~$POAM.xlsx"));
  });

  it("finds the lock file Office names without the first two characters of the workbook's name", () => {
    const { dir } = folder();
    const file = join(dir, "Quarterly POAM.xlsx");
    writeFileSync(file, PREVIOUS);
    writeFileSync(join(dir, "~$arterly POAM.xlsx"), "");
    expect(excelLockFile(file)).toBe(join(dir, "~$arterly POAM.xlsx"));
  });
});
