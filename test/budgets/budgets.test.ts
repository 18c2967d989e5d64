/**
 * Budgets on what can be counted: the JavaScript the task pane loads before
 * its first render, and the requests each action sends to Excel as the
 * POA&M grows. Wall-clock figures are `npm run bench`'s, never a test's.
 *
 * Held elsewhere, so not repeated here: upgrading 5,000 rows with the
 * requests of 50 (test/excel/setUp.test.ts), refreshing the Summary of 5,000
 * items with the requests of 50 (test/excel/refreshSummary.test.ts), and
 * 20,000 findings imported in requests under 4 MB (test/excel/importScan.test.ts).
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { countImportRequests, countNewWorkbookRequests, countRequests, type CountedAction, type RequestCount } from "../../bench/requests";
import { buildTaskpane, gzipBytesOf, type TaskpaneBuild } from "../../bench/taskpaneBundle";
import { FEDRAMP_TITLE } from "../../src/formats/fedramp/fedramp";
import { POAM_NS } from "../../src/formats/oscal/oscal";
import { CHART_NAMES } from "../../src/domain/summary/refreshPlan";
import { EXPECTED_FORMATS } from "../../src/formats/scan/parseScan";
import { BUDGETS, importRequestBudget, readPageRequests } from "./budgets";

jest.setTimeout(180_000);

describe("the task pane's first load (production build)", () => {
  let build: TaskpaneBuild;
  /** Which of `files` hold `text`. */
  const holding = (files: readonly string[], text: string) => files.filter((file) => readFileSync(join(build.dir, file), "utf8").includes(text));

  beforeAll(async () => {
    build = await buildTaskpane();
  });

  afterAll(() => {
    if (build) rmSync(build.dir, { recursive: true });
  });

  it("is the scripts taskpane.html names", () => {
    expect(build.htmlScripts).toEqual(build.initial.map((script) => script.file));
  });

  it(`is at most ${BUDGETS.taskpaneInitialJsGzipBytes} bytes of gzipped JavaScript`, () => {
    expect(gzipBytesOf(build.initial)).toBeLessThanOrEqual(BUDGETS.taskpaneInitialJsGzipBytes);
  });

  it.each(["import-scan", "add-finding", "selected-item", "export"])("leaves the %s page to a chunk fetched later", (page) => {
    const initial = build.initial.map((script) => script.file);
    expect(Object.keys(build.pages)).toContain(page);
    expect(build.pages[page].filter((file) => initial.includes(file))).toEqual([]);
  });

  it("leaves out the scan parser", () => {
    const marker = EXPECTED_FORMATS.slice(0, 40);
    expect(holding(build.initial.map((script) => script.file), marker)).toEqual([]);
    expect(holding(build.pages["import-scan"] ?? [], marker)).toHaveLength(1);
  });

  it.each([
    ["the OSCAL export", POAM_NS],
    ["the FedRAMP layout", FEDRAMP_TITLE],
    ["the Summary refresh and its charts", CHART_NAMES.trend],
  ])("leaves out %s", (_, marker) => {
    const initial = build.initial.map((script) => script.file);
    expect(holding(initial, marker)).toEqual([]);
    expect(holding(build.all.map((script) => script.file), marker).length).toBeGreaterThan(0);
  });
});

describe("requests as the POA&M grows", () => {
  it.each<[string, CountedAction, number]>([
    ["re-applying set-up", "setUp", BUDGETS.setupRequests],
    ["adding a finding", "addFinding", BUDGETS.addFindingRequests],
  ])("%s sends the same requests to 5,000 items as to 50", async (_, action, budget) => {
    const few = await countRequests(action, 50);
    const many = await countRequests(action, 5000);
    expect(many.requests).toBe(few.requests);
    expect(many.requests).toBeLessThanOrEqual(budget);
    // No row data travels: only the addresses' row numbers grow ("AH51" becomes "AH5001").
    expect(many.maxRequestBytes - few.maxRequestBytes).toBeLessThan(1000);
    expect(many.maxRequestBytes).toBeLessThan(BUDGETS.maxRequestBytes);
  });

  it.each([50, 5000, 20_000])("importing %i findings sends payload-sized blocks, each under 4 MB", async (findings) => {
    const count = await countImportRequests(findings);
    expect(count.requests).toBeLessThanOrEqual(importRequestBudget(count.totalRequestBytes));
    expect(count.maxRequestBytes).toBeLessThan(BUDGETS.maxRequestBytes);
  });

  it("importing into 5,000 items sends the requests of 50, but for pages of rows read", async () => {
    const few = await countImportRequests(50, 50);
    const many = await countImportRequests(50, 5000);
    expect(many.requests).toBeLessThanOrEqual(few.requests + readPageRequests(many.totalResponseBytes));
    expect(many.maxResponseBytes).toBeLessThan(BUDGETS.maxResponseBytes);
    expect(many.maxRequestBytes - few.maxRequestBytes).toBeLessThan(1000);
  });
});

describe("commands and responses as the POA&M grows", () => {
  /** Commands grow only by the blocks of rows a larger POA&M needs: per action, and per request. */
  const growsOnlyByBlocks = (few: RequestCount, many: RequestCount) => {
    expect(many.commands).toBeLessThanOrEqual(few.commands + BUDGETS.commandsPerBlock * Math.max(0, many.requests - few.requests));
    expect(many.maxRequestCommands).toBeLessThanOrEqual(few.maxRequestCommands + BUDGETS.commandsPerBlock);
  };

  it.each<[string, CountedAction]>([
    ["re-applying set-up", "setUp"],
    ["refreshing the Summary", "refreshSummary"],
    ["adding a finding", "addFinding"],
    ["adding the FedRAMP sheets", "addFedrampSheets"],
    ["reading the POA&M for an export", "readPoam"],
  ])("%s sends commands that grow only by blocks, and responses under 4 MB", async (_, action) => {
    const few = await countRequests(action, 50);
    const many = await countRequests(action, 5000);
    growsOnlyByBlocks(few, many);
    expect(many.maxResponseBytes).toBeLessThan(BUDGETS.maxResponseBytes);
  });

  it("writing a new POA&M of 5,000 items sends the commands of 50, but for blocks", async () => {
    growsOnlyByBlocks(await countNewWorkbookRequests(50), await countNewWorkbookRequests(5000));
  });

  it("importing 20,000 findings sends at most a block's commands per request", async () => {
    const small = await countImportRequests(50);
    const large = await countImportRequests(20_000);
    expect(large.maxRequestCommands).toBeLessThanOrEqual(BUDGETS.commandsPerBlock);
    growsOnlyByBlocks(small, large);
  });
});
