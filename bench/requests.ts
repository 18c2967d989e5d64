/**
 * How many requests (context.sync round trips) each user action sends to
 * Excel, and the largest, counted by the recording fake.
 */
import { aDraft } from "../test/support/builders";
import type { FakeContext } from "../test/support/fakeExcel";
import { actionsOn, IMPORT_OPTIONS, poamWithItems, syntheticScan, WHO } from "./workbooks";

export interface RequestCount {
  readonly requests: number;
  /** The largest request's size, as the fake measures it (the JSON of its commands). */
  readonly maxRequestBytes: number;
  /** All requests' sizes together: the payload the action sent. */
  readonly totalRequestBytes: number;
}

const counted = (context: FakeContext): RequestCount => ({
  requests: context.syncs,
  maxRequestBytes: context.maxRequestBytes,
  totalRequestBytes: context.requests.reduce((total, request) => total + request.bytes, 0),
});

export type CountedAction = "setUp" | "refreshSummary" | "addFinding";

/** Runs `action` once on a POA&M of `items` items. */
export async function countRequests(action: CountedAction, items: number): Promise<RequestCount> {
  const { actions, context } = actionsOn(await poamWithItems(items));
  if (action === "setUp") await actions.setUp();
  else if (action === "refreshSummary") await actions.refreshSummary(WHO);
  else await actions.addFinding(aDraft({ owner: WHO }), WHO);
  return counted(context);
}

/** Imports a scan of `findings` new findings into a POA&M holding `items` items. */
export async function countImportRequests(findings: number, items = 0): Promise<RequestCount> {
  const { actions, context } = actionsOn(await poamWithItems(items));
  await actions.importScan(syntheticScan(findings), IMPORT_OPTIONS, WHO);
  return counted(context);
}
