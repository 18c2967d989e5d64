import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { XMLParser } from "fast-xml-parser";
import webpack, { type Configuration } from "webpack";
import { sharedFile } from "./support/shared";

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, "..");
const run = promisify(execFile);
const schema = sharedFile("schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");

/** xmllint's verdict on a manifest: exit code and what it printed. */
async function validate(path: string): Promise<{ code: number; output: string }> {
  try {
    const { stderr } = await run("xmllint", ["--noout", "--nonet", "--schema", schema, path]);
    return { code: 0, output: stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, output: failure.stderr };
  }
}

const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const manifest = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(source).OfficeApp;

describe("manifest.xml", () => {
  it("validates against the Office add-in schemas", async () => {
    expect(await validate(join(ROOT, "manifest.xml"))).toEqual({ code: 0, output: expect.stringContaining("validates") });
  });

  it("is refused by the same check when broken", async () => {
    const broken = join(mkdtempSync(join(tmpdir(), "manifest-")), "broken.xml");
    writeFileSync(broken, source.replace(/<Id>[^<]*<\/Id>/, ""));
    const verdict = await validate(broken);
    expect(verdict.code).toBe(3);
    expect(verdict.output).toContain("fails to validate");
  });

  it("is an Excel task pane add-in needing ExcelApi 1.9 and ReadWriteDocument only", () => {
    expect(manifest["xsi:type"]).toBe("TaskPaneApp");
    expect(manifest.Hosts.Host.Name).toBe("Workbook");
    expect(manifest.Requirements.Sets.Set).toEqual({ Name: "ExcelApi", MinVersion: "1.9" });
    expect(manifest.Permissions).toBe("ReadWriteDocument");
    expect(manifest.AppDomains).toBeUndefined();
  });

  it("puts a button that opens the task pane and one that refreshes the Summary on the Home tab", () => {
    const form = manifest.VersionOverrides.Hosts.Host.DesktopFormFactor;
    const surface = form.ExtensionPoint;
    expect(surface["xsi:type"]).toBe("PrimaryCommandSurface");
    expect(surface.OfficeTab.id).toBe("TabHome");
    const controls = surface.OfficeTab.Group.Control as { id: string; Action: Record<string, string> }[];
    expect(controls.map((control) => [control.id, control.Action["xsi:type"]])).toEqual([
      ["PoamOpenPane", "ShowTaskpane"],
      ["PoamRefreshSummary", "ExecuteFunction"],
    ]);
    // The function the button names is the one the commands page associates.
    expect(controls[1].Action.FunctionName).toBe("refreshSummary");
    expect(readFileSync(join(__dirname, "..", "src", "commands", "commands.ts"), "utf8")).toContain('Office.actions.associate("refreshSummary"');
    expect(form.FunctionFile.resid).toBe("Commands.Url");
  });
});

async function build(mode: "production" | "development", env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const { default: makeConfig } = (await import(join(ROOT, "webpack.config.js"))) as {
      default: (env: object, options: { mode: string }) => Promise<Configuration>;
    };
    const config = await makeConfig({}, { mode });
    const out = mkdtempSync(join(tmpdir(), `poam-${mode}-`));
    const stats = await new Promise<webpack.Stats>((done, fail) =>
      webpack({ ...config, mode, context: ROOT, output: { ...config.output, path: out } }, (error, result) =>
        error || !result ? fail(error ?? new Error("webpack returned no result")) : done(result),
      ),
    );
    expect(stats.hasErrors()).toBe(false);
    return out;
  } finally {
    process.env = saved;
  }
}

describe("the production build", () => {
  let out: string;
  beforeAll(async () => {
    out = await build("production", { POAM_PRODUCTION_URL: "https://poam.example.com/addin" });
  });

  it("writes a manifest for the production URL, without localhost, that still validates", async () => {
    const built = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(built).not.toMatch(/localhost/i);
    expect(built).toContain('<SourceLocation DefaultValue="https://poam.example.com/addin/taskpane.html"/>');
    expect((await validate(join(out, "manifest.xml"))).code).toBe(0);
  });

  it("loads Office.js from Microsoft's CDN", () => {
    const page = readFileSync(join(out, "taskpane.html"), "utf8");
    expect(page).toContain('<script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script>');
  });
});

describe("the development build", () => {
  it("loads the Office.js copy from @microsoft/office-js", async () => {
    const out = await build("development");
    expect(readFileSync(join(out, "taskpane.html"), "utf8")).toContain('<script src="office-js/office.js"></script>');
    expect(readFileSync(join(out, "manifest.xml"), "utf8")).toContain("https://localhost:3000/taskpane.html");
  });
});
