/** `poam scan` on broken and hostile exports: a message naming the file and the line, exit 2; every row of a file it can read. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo } from "../../src/cli/main";

const dir = mkdtempSync(join(tmpdir(), "poam-scan-hostile-"));

async function scan(name: string, content: string | Uint8Array): Promise<{ code: number; out: string; err: string }> {
  writeFileSync(join(dir, name), content);
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir, today: () => "2026-11-23" };
  const code = await main(["scan", name, "--json"], cli);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const rows = (count: number, eol: string) =>
  ["Plugin ID,Host,Name,Risk", ...Array.from({ length: count }, (_, i) => `${1000 + i},10.0.${i >> 8}.${i & 255},Finding ${i},High`)].join(eol) + eol;

describe("poam scan on broken exports", () => {
  it.each([
    ["open.csv", 'Plugin ID,Host,Name,Risk\n1,10.0.0.1,One,High\n2,10.0.0.2,"Two,High\n3,10.0.0.3,Three,High\n', "poam: open.csv: The quoted field that opens on line 3 never closes: the file ends inside it, so the rows from line 3 on cannot be read (a closing quote is missing, or the file was cut short)."],
    ["deep.nessus", `<NessusClientData_v2>\n${"<x>".repeat(300)}${"</x>".repeat(300)}</NessusClientData_v2>`, "poam: deep.nessus: Line 2: the XML is nested more than 256 elements deep, which no scan report is; it is not read."],
    ["cut.nessus", "<NessusClientData_v2>\n<Report>\n<ReportHost name='h'>", "poam: cut.nessus: Line 3: this XML report ends before it is complete; the file may have been cut short."],
  ])("refuses %s naming the file and the line (exit 2)", async (name, content, message) => {
    expect(await scan(name, content)).toEqual({ code: 2, out: "", err: message });
  });

  it.each([
    ["lf.csv", "\n"],
    ["crlf.csv", "\r\n"],
    ["cr.csv", "\r"],
  ])("reads every row of %s", async (name, eol) => {
    const result = await scan(name, rows(1000, eol));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ format: "nessus-csv", records: 1000, findings: 1000 });
  });

  it("reads a header without a final line break as a scan of no findings", async () => {
    const result = await scan("header.csv", "Plugin ID,Host,Name,Risk");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ format: "nessus-csv", records: 0, findings: 0 });
  });
});
