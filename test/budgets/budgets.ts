/**
 * The budgets budgets.test.ts holds the add-in to, which `npm run bench`
 * prints beside its figures. Only counts and sizes: wall-clock figures vary
 * with the machine, so the benchmark reports them and no test fails on them.
 */
import { REQUEST_BUDGET_BYTES } from "../../src/excel/applyPlan";

export const BUDGETS = {
  /**
   * Gzipped bytes of the JavaScript taskpane.html loads before its first
   * render. Measured at 151,645 once every page but Home, the scan import,
   * the Summary refresh and charts and the exports were chunks of their own;
   * the 5% headroom leaves Home room to grow, and is smaller than any page's
   * chunks (the scan parser alone is about 21 KB), so pulling one back into
   * the first load fails.
   */
  taskpaneInitialJsGzipBytes: 160_000,
  /** Every request: Excel on the web refuses one over 5 MB (src/excel/applyPlan.ts). */
  maxRequestBytes: REQUEST_BUDGET_BYTES,
  /** Re-applying set-up to a POA&M of any size: two reads (its sheets and tables, then their ranges and headers) and one write. */
  setupRequests: 3,
  /** Refreshing the Summary: one read and one write. */
  refreshRequests: 2,
  /** Adding a finding: one read (the IDs issued, the tables' layout) and one write; more only if someone adds an item meanwhile. */
  addFindingRequests: 2,
  /**
   * Requests an import may send besides its blocks of rows: the read, the
   * new table's blank first row and a retry if someone filled it meanwhile,
   * the Change Log's first row and its retry, and the recalculation.
   */
  importFixedRequests: 6,
  /**
   * Commands one block of rows may add to a request or an action: adding the
   * rows, their number formats, values and formulas (one 2-D command each),
   * the first row's calculated-column formulas and one fill down per formula
   * column (eight in Poam), and the request's calculation command. Measured
   * at 17 per import request once per-cell commands were gone; before, a
   * 20,000-finding import sent 40,165 commands, up to 7,467 in one request.
   */
  commandsPerBlock: 20,
  /**
   * The largest response a read may bring back, for a POA&M of 5,000 items:
   * Excel on the web refuses responses over 5 MB (ResponsePayloadSizeLimitExceeded),
   * so the same margin as requests.
   */
  maxResponseBytes: REQUEST_BUDGET_BYTES,
  /** Our import pipeline's time over papaparse's on the same file (see Performance in the README); wall-clock, so reported, not tested. */
  parseVsPapaparse: 1.5,
} as const;

/**
 * The most requests an import of `payloadBytes` may take: the fixed ones, and
 * blocks that each fill at least half a request, but for the last block of
 * each of the two tables written (the POA&M and the Change Log).
 */
export function importRequestBudget(payloadBytes: number): number {
  return BUDGETS.importFixedRequests + Math.ceil(payloadBytes / (BUDGETS.maxRequestBytes / 2)) + 2;
}
