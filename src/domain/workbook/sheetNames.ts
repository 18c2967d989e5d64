/** Sheet names as Excel allows them. */

/** Excel's sheet-name limit. */
export const MAX_SHEET_NAME = 31;

/** Excel compares sheet (and table) names without case. */
export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `wanted`, or "wanted (2)", "wanted (3)"… when a sheet of that name is taken, shortened to fit Excel's limit. */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  let name = wanted;
  for (let n = 2; taken.some((t) => sameName(t, name)); n++) {
    const suffix = ` (${n})`;
    name = wanted.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  return name;
}
