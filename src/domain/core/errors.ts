/**
 * Errors the user can act on, each with a code the task pane and the command
 * line turn into a short message (see messages.ts).
 */
export type PoamErrorCode =
  | "cellEditMode"
  | "busy"
  | "payloadTooLarge"
  | "responseTooLarge"
  | "accessDenied"
  | "readOnly"
  | "itemMissing"
  | "nameTaken"
  | "unsupportedHost"
  | "layoutConflict"
  | "filtered"
  | "inactiveWorkbook"
  | "unsupportedSheet"
  | "connection"
  | "invalidInput"
  | "notPoam"
  | "itemMoved"
  | "cancelled"
  | "unexpected";

export class PoamError extends Error {
  constructor(
    readonly code: PoamErrorCode,
    message: string,
    /** The underlying failure, kept for diagnostics; never shown to the user. */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = "PoamError";
  }
}
