/**
 * How the add-in runs a batch against the open workbook. Actions take a
 * runner rather than calling `Excel.run` themselves, so tests can hand them a
 * recording fake context.
 */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** One `Excel.run` per user action; waits for the user to leave cell-edit mode rather than failing. */
export const runInExcel: ExcelRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);
