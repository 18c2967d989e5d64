/**
 * Turns what Office.js throws into a `PoamError` with a short message the
 * pane can show. Raw Office error text is never shown to the user.
 */
import { PoamError, type PoamErrorCode } from "../domain/errors";
import { ERROR_MESSAGES } from "../domain/messages";

/** Office.js error codes (OfficeExtension.Error.code) and what each means for the user. */
const CODES: Readonly<Record<string, PoamErrorCode>> = {
  InvalidOperationInCellEditMode: "cellEditMode",
  EditModeCannotAcquireLock: "cellEditMode",
  Conflict: "busy",
  ActivityLimitReached: "busy",
  RequestAborted: "busy",
  RequestPayloadSizeLimitExceeded: "payloadTooLarge",
  ResponsePayloadSizeLimitExceeded: "payloadTooLarge",
  OperationCellsExceedLimit: "payloadTooLarge",
  RangeExceedsLimit: "payloadTooLarge",
  AccessDenied: "accessDenied",
  NotAllowed: "accessDenied",
  InvalidOperation: "accessDenied",
  ItemNotFound: "itemMissing",
  InvalidReference: "itemMissing",
  ItemAlreadyExists: "nameTaken",
  ApiNotFound: "unsupportedHost",
  NotImplemented: "unsupportedHost",
  UnsupportedFeature: "unsupportedHost",
  InvalidArgument: "invalidInput",
  FormulaLengthExceedsLimit: "invalidInput",
};

/** The `code` of an Office.js error, if `error` is one. */
function officeCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

export function toPoamError(error: unknown): PoamError {
  if (error instanceof PoamError) return error;
  const code = CODES[officeCode(error) ?? ""] ?? "unexpected";
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
