/**
 * Turns what Office.js throws into a `PoamError` with a short message the
 * pane can show. Raw Office error text is never shown to the user.
 */
import { PoamError, type PoamErrorCode } from "../domain/core/errors";
import { ERROR_MESSAGES } from "../domain/core/messages";

/**
 * Every error code a user can meet from Office.js, and what it means for
 * them: Excel's own (Excel.ErrorCodes,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.errorcodes),
 * the common ones of OfficeExtension.ErrorCodes, and
 * RequestPayloadSizeLimitExceeded and ResponsePayloadSizeLimitExceeded,
 * which Excel on the web raises for a request or a response over 5 MB
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * test/excel/errors.test.ts holds this list to the codes @types/office-js declares.
 */
export const OFFICE_ERROR_CODES: Readonly<Record<string, PoamErrorCode>> = {
  InvalidOperationInCellEditMode: "cellEditMode",
  Conflict: "busy",
  ActivityLimitReached: "busy",
  RequestAborted: "busy",
  RequestPayloadSizeLimitExceeded: "payloadTooLarge",
  ResponsePayloadSizeLimitExceeded: "responseTooLarge",
  OperationCellsExceedLimit: "payloadTooLarge",
  RangeExceedsLimit: "payloadTooLarge",
  RangeImageExceedsLimit: "payloadTooLarge",
  AccessDenied: "accessDenied",
  InvalidOperation: "accessDenied",
  OpenWorkbookLinksBlocked: "accessDenied",
  RefreshWorkbookLinksBlocked: "accessDenied",
  PowerQueryRefreshResourceChallenge: "accessDenied",
  ItemNotFound: "itemMissing",
  InvalidReference: "itemMissing",
  InvalidBinding: "itemMissing",
  InvalidObjectPath: "itemMissing",
  ItemAlreadyExists: "nameTaken",
  ApiNotFound: "unsupportedHost",
  NotImplemented: "unsupportedHost",
  UnsupportedFeature: "unsupportedHost",
  UnsupportedOperation: "unsupportedHost",
  UnsupportedFillType: "unsupportedHost",
  InsertDeleteConflict: "layoutConflict",
  MergedRangeConflict: "layoutConflict",
  PivotTableRangeConflict: "layoutConflict",
  NonBlankCellOffSheet: "layoutConflict",
  FilteredRangeConflict: "filtered",
  InactiveWorkbook: "inactiveWorkbook",
  UnsupportedSheet: "unsupportedSheet",
  ConnectionFailure: "connection",
  InvalidArgument: "invalidInput",
  InvalidSelection: "invalidInput",
  FormulaLengthExceedsLimit: "invalidInput",
  EmptyChartSeries: "invalidInput",
  GeneralException: "unexpected",
  DirtySupportingFormula: "unexpected",
  PropertyNotLoaded: "unexpected",
  ValueNotLoaded: "unexpected",
  InvalidRequestContext: "unexpected",
  RunMustReturnPromise: "unexpected",
  CannotRegisterEvent: "unexpected",
};

/** The `code` of an Office.js error, if `error` is one. */
function officeCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

export function toPoamError(error: unknown): PoamError {
  if (error instanceof PoamError) return error;
  const office = officeCode(error);
  const code = office !== undefined && Object.prototype.hasOwnProperty.call(OFFICE_ERROR_CODES, office) ? OFFICE_ERROR_CODES[office] : "unexpected";
  return new PoamError(code, ERROR_MESSAGES[code], error);
}

/** Runs `work`, rethrowing any failure as a `PoamError`. */
export async function withPoamErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toPoamError(error);
  }
}
