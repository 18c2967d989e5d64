/** A1-style addressing helpers. Rows and columns are zero-based here. */

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** 0 for "A", 26 for "AA". */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface CellPosition {
  readonly row: number;
  readonly column: number;
}

export interface RangeBox {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

export function cellAddress({ row, column }: CellPosition): string {
  return `${columnLetter(column)}${row + 1}`;
}

export function rangeAddress(box: RangeBox): string {
  const first = cellAddress(box);
  if (box.rowCount === 1 && box.columnCount === 1) return first;
  return `${first}:${cellAddress({ row: box.row + box.rowCount - 1, column: box.column + box.columnCount - 1 })}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses "B3" or "A1:AK41", with or without a sheet prefix or `$` anchors. */
export function parseRange(address: string): RangeBox {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [first, last = first] = local.split(":");
  const a = CELL.exec(first);
  const b = CELL.exec(last);
  if (!a || !b) throw new Error(`Not an A1 range address: ${address}`);
  const row = Number(a[2]) - 1;
  const column = columnIndex(a[1]);
  return {
    row,
    column,
    rowCount: Number(b[2]) - row,
    columnCount: columnIndex(b[1]) - column + 1,
  };
}

/** A sheet name as it must be written in a formula: quoted when needed. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
