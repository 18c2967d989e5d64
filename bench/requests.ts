/**
 * How many requests (context.sync round trips) and commands each user action
 * sends to Excel, and the largest request and response, counted by the
 * recording fake.
 */
import { planSetup } from "../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../src/domain/workbook/snapshot";
import { applyPlan } from "../src/excel/applyPlan";
import { aDraft } from "../test/support/builders";
import { fakeExcel, FakeWorkbook, type FakeContext } from "../test/support/fakeExcel";
import { actionsOn, findingsOf, IMPORT_OPTIONS, poamWithItems, syntheticScan, WHO } from "./workbooks";

export interface RequestCount {
  readonly requests: number;
  /** The largest request's size: the UTF-8 bytes of the JSON of its commands. */
  readonly maxRequestBytes: number;
  /** All requests' sizes together: the payload the action sent. */
  readonly totalRequestBytes: number;
  /** Commands the action sent, in all its requests. */
  readonly commands: number;
  /** The most commands one request carried. */
  readonly maxRequestCommands: number;
  /** The largest response: the UTF-8 bytes of the JSON of what one request's loads sent back. */
  readonly maxResponseBytes: number;
  /** All responses' sizes together: what the action read. */
  readonly totalResponseBytes: number;
}

const counted = (context: FakeContext): RequestCount => ({
  requests: context.syncs,
  maxRequestBytes: context.maxRequestBytes,
  totalRequestBytes: context.requests.reduce((total, request) => total + request.bytes, 0),
  commands: context.totalCommands,
  maxRequestCommands: context.maxRequestCommands,
  maxResponseBytes: context.maxResponseBytes,
  totalResponseBytes: context.totalResponseBytes,
});

export type CountedAction = "setUp" | "refreshSummary" | "addFinding" | "addFedrampSheets" | "readPoam";

/** Runs `action` once on a POA&M of `items` items. */
export async function countRequests(action: CountedAction, items: number): Promise<RequestCount> {
  const { actions, context } = actionsOn(await poamWithItems(items));
  if (action === "setUp") await actions.setUp();
  else if (action === "refreshSummary") await actions.refreshSummary(WHO);
  else if (action === "addFedrampSheets") await actions.addFedrampSheets();
  else if (action === "readPoam") await actions.readPoam();
  else await actions.addFinding(aDraft({ owner: WHO }), WHO);
  return counted(context);
}

/** Imports a scan of `findings` new findings into a POA&M holding `items` items. */
export async function countImportRequests(findings: number, items = 0): Promise<RequestCount> {
  const { actions, context } = actionsOn(await poamWithItems(items));
  await actions.importScan(syntheticScan(findings), IMPORT_OPTIONS, WHO);
  return counted(context);
}

/** Writes a new POA&M holding `items` items into a blank workbook (the set-up plan with data, as `poam new --from` builds it). */
export async function countNewWorkbookRequests(items: number): Promise<RequestCount> {
  const { context } = fakeExcel(new FakeWorkbook());
  await applyPlan(context.asExcel(), planSetup(EMPTY_WORKBOOK, { findings: findingsOf(items), people: [{ name: WHO, role: "IT Manager" }] }));
  return counted(context);
}
