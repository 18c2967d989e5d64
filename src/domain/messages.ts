/** User-facing messages for errors, in one place. */
import type { PoamErrorCode } from "./errors";

export const ERROR_MESSAGES: Readonly<Record<PoamErrorCode, string>> = {
  cellEditMode: "Excel is waiting for you to finish editing a cell. Press Enter or Esc, then try again.",
  busy: "Excel is busy with another change. Wait a moment and try again.",
  payloadTooLarge: "That change is too large to send to Excel in one go. Try again with fewer rows.",
  accessDenied: "Excel did not allow the change. The workbook or sheet may be protected.",
  readOnly: "This workbook is read-only. Save a copy you can edit, then try again.",
  itemMissing: "Something the add-in expected is no longer in the workbook. Check the POA&M status on Home and try again.",
  nameTaken: "A sheet, table or name the add-in needs is already used in this workbook.",
  unsupportedHost: "This version of Excel is too old for the add-in. It needs Microsoft 365, Excel 2021 or later, or Excel on the web.",
  invalidInput: "Excel did not accept a value the add-in tried to write.",
  unexpected: "Excel could not finish the change. Try again; if it keeps failing, close and reopen the task pane.",
};
