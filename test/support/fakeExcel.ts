/**
 * A recording fake of the part of the Excel JavaScript API the add-in uses.
 *
 * Calls and property writes are queued, as in Office.js, and applied to an
 * in-memory workbook when `sync()` is called; loaded properties can be read
 * only after a sync. The context counts syncs and measures each request (the
 * JSON size of the queued commands and their arguments), and can be told to
 * fail with an Office error code. Like Excel, a failed request keeps what it
 * had applied before the failing command.
 *
 * The fake does not calculate: a formula cell's value reads as empty, which is
 * what the add-in's formulas give on an empty row.
 *
 * It behaves like Excel where the add-in's correctness depends on it: a
 * string written to a cell that is not formatted as Text and that starts
 * with "=", "+", "-" or "@" becomes a formula, and a numeric string becomes a
 * number; names of sheets, tables and defined names are unique ignoring case;
 * Excel refuses the sheet name "History".
 */
import { cellAddress, columnIndex, parseRange, rangeAddress, type RangeBox } from "../../src/domain/core/a1";
import { toSerial } from "../../src/domain/core/dates";
import { sheetOfReference } from "../../src/domain/workbook/snapshot";

export type Scalar = string | number | boolean;

export interface FakeCell {
  value: Scalar;
  formula?: string;
  numberFormat: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  fontSize?: number;
  wrap?: boolean;
  /** An in-workbook link's target, e.g. "'POA&M'!A12". */
  hyperlink?: string;
}

export interface FakeChartSeries {
  name?: string;
  /** Addresses as given, e.g. "'Refresh History'!B2:B5". */
  values?: string;
  xValues?: string;
}

export interface FakeChart {
  name: string;
  type: string;
  title?: string;
  legend?: string;
  position?: { start: string; end: string };
  series: FakeChartSeries[];
}

export interface FakeValidation {
  range: RangeBox;
  rule?: Excel.DataValidationRule;
  errorAlert?: Excel.DataValidationErrorAlert;
  ignoreBlanks?: boolean;
}

/** A conditional format; its place in `FakeSheet.conditionalFormats` is its priority (0 first). */
export interface FakeConditionalFormat {
  type: string;
  range: RangeBox;
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export class OfficeError extends Error {
  override readonly name = "RichApi.Error";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const key = (row: number, column: number) => `${row},${column}`;
const contains = (outer: RangeBox, row: number, column: number) =>
  row >= outer.row && row < outer.row + outer.rowCount && column >= outer.column && column < outer.column + outer.columnCount;
const intersects = (a: RangeBox, b: RangeBox) =>
  a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const MAX_ROWS = 1_048_576;

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  validations: FakeValidation[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  tabColor?: string;
  frozen?: { rows: number; columns: number };
  columnWidths = new Map<number, number>();
  charts: FakeChart[] = [];

  constructor(public name: string) {}

  /** A copy sharing nothing with this sheet. */
  clone(): FakeSheet {
    const copy = new FakeSheet(this.name);
    copy.cells = new Map([...this.cells].map(([at, cell]) => [at, { ...cell }]));
    copy.validations = structuredClone(this.validations);
    copy.conditionalFormats = structuredClone(this.conditionalFormats);
    copy.tabColor = this.tabColor;
    copy.frozen = this.frozen && { ...this.frozen };
    copy.columnWidths = new Map(this.columnWidths);
    copy.charts = structuredClone(this.charts);
    return copy;
  }

  cell(row: number, column: number): FakeCell {
    let cell = this.cells.get(key(row, column));
    if (!cell) {
      cell = { value: "", numberFormat: "General" };
      this.cells.set(key(row, column), cell);
    }
    return cell;
  }

  peek(row: number, column: number): FakeCell | undefined {
    return this.cells.get(key(row, column));
  }

  /** Value of a cell by A1 address ("" when empty). */
  valueAt(address: string): Scalar {
    const { row, column } = parseRange(address);
    return this.peek(row, column)?.value ?? "";
  }

  usedRange(): RangeBox | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" && cell.formula === undefined) continue;
      const [row, column] = k.split(",").map(Number);
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    return bottom < 0 ? null : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /** Moves the cells of rows [fromRow, toRow) at or right of `column` one place right. */
  shiftRight(fromRow: number, toRow: number, column: number): void {
    const moving = [...this.cells.entries()]
      .map(([k, cell]) => ({ at: k.split(",").map(Number), cell }))
      .filter(({ at: [r, c] }) => r >= fromRow && r < toRow && c >= column)
      .sort((a, b) => b.at[1] - a.at[1]);
    for (const { at: [r, c], cell } of moving) {
      this.cells.delete(key(r, c));
      this.cells.set(key(r, c + 1), cell);
    }
  }

  /** Deletes `rows` rows of cells from `row`, across [column, column + count), and moves the cells below up. */
  deleteRowCells(row: number, column: number, count: number, rows = 1): void {
    const moving: { r: number; c: number; cell: FakeCell }[] = [];
    for (const [k, cell] of this.cells) {
      const [r, c] = k.split(",").map(Number);
      if (c < column || c >= column + count || r < row) continue;
      this.cells.delete(k);
      if (r >= row + rows) moving.push({ r: r - rows, c, cell });
    }
    for (const { r, c, cell } of moving) this.cells.set(key(r, c), cell);
  }

  /** Moves the cells of columns [fromColumn, toColumn) at or below `row` one place down. */
  shiftDown(fromColumn: number, toColumn: number, row: number): void {
    const moving = [...this.cells.entries()]
      .map(([k, cell]) => ({ at: k.split(",").map(Number), cell }))
      .filter(({ at: [r, c] }) => c >= fromColumn && c < toColumn && r >= row)
      .sort((a, b) => b.at[0] - a.at[0]);
    for (const { at: [r, c], cell } of moving) {
      this.cells.delete(key(r, c));
      this.cells.set(key(r + 1, c), cell);
    }
  }
}

export class FakeTable {
  style = "TableStyleMedium2";
  /**
   * Whether a filter hides rows of the table. Excel moves or skips cells when
   * rows are added, deleted or written under a filter (office-js #994: row
   * deletes do nothing; #224: values land in the wrong rows), so the fake
   * refuses those with FilteredRangeConflict until the filter is cleared
   * ("Excel.ErrorCodes": https://learn.microsoft.com/en-us/javascript/api/excel/excel.errorcodes).
   */
  filtered = false;

  /** Deletes `count` data rows from `index`, moving the rows below up. */
  deleteRow(index: number, count = 1): void {
    this.refuseWhenFiltered("delete rows from");
    if (index < 0 || index + count > this.range.rowCount - 1) throw new OfficeError("ItemNotFound", `The table has no data row ${index + count - 1}`);
    this.sheet.deleteRowCells(this.range.row + 1 + index, this.range.column, this.range.columnCount, count);
    this.range = { ...this.range, rowCount: this.range.rowCount - count };
  }

  refuseWhenFiltered(what: string): void {
    if (this.filtered) throw new OfficeError("FilteredRangeConflict", `Cannot ${what} the filtered table ${this.name}`);
  }

  constructor(
    public name: string,
    public sheet: FakeSheet,
    /** Header row included. */
    public range: RangeBox,
  ) {}

  headers(): string[] {
    return Array.from({ length: this.range.columnCount }, (_, i) => String(this.sheet.peek(this.range.row, this.range.column + i)?.value ?? ""));
  }

  /** Data rows as values, by header. */
  rows(): Record<string, Scalar>[] {
    const headers = this.headers();
    return Array.from({ length: this.range.rowCount - 1 }, (_, r) =>
      Object.fromEntries(headers.map((header, c) => [header, this.sheet.peek(this.range.row + 1 + r, this.range.column + c)?.value ?? ""])),
    );
  }

  columnFormula(header: string): (string | undefined)[] {
    const c = this.headers().indexOf(header);
    return Array.from({ length: this.range.rowCount - 1 }, (_, r) => this.sheet.peek(this.range.row + 1 + r, this.range.column + c)?.formula);
  }
}

export interface FakeName {
  name: string;
  formula: string;
  comment?: string;
}

/** The in-memory workbook behind a fake context, with builders for test setups. */
export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  names: FakeName[] = [];
  activeSheet?: string;
  selection?: { sheet: string; address: string };
  selectionHandlers: ((event: { address: string; worksheetId: string }) => Promise<void>)[] = [];
  /**
   * Excel's AutoCorrect option "Fill formulas in tables to create calculated
   * columns" (File › Options › Proofing › AutoCorrect Options › AutoFormat As
   * You Type). It is the user's and on by default; with it off, rows that
   * `table.rows.add()` adds get no formulas (office-js #2093, #5909, #6745).
   */
  fillFormulasInTables = true;

  /** Selects a cell, as a user clicking it, and raises the selection event. */
  async select(sheet: string, address: string): Promise<void> {
    this.selection = { sheet, address };
    for (const handler of [...this.selectionHandlers]) await handler({ address, worksheetId: sheet });
  }

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.sheets.push(new FakeSheet(name));
  }

  /** A copy sharing nothing with this workbook: built once, then one for each test that changes it. */
  clone(): FakeWorkbook {
    const copy = new FakeWorkbook([]);
    copy.sheets = this.sheets.map((sheet) => sheet.clone());
    copy.tables = this.tables.map((table) => {
      const twin = new FakeTable(table.name, copy.sheet(table.sheet.name), { ...table.range });
      twin.style = table.style;
      twin.filtered = table.filtered;
      return twin;
    });
    copy.names = this.names.map((name) => ({ ...name }));
    copy.activeSheet = this.activeSheet;
    copy.fillFormulasInTables = this.fillFormulasInTables;
    return copy;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => same(s.name, name));
    if (!found) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: sheet ${name}`);
    return found;
  }

  table(name: string): FakeTable {
    const found = this.tables.find((t) => same(t.name, name));
    if (!found) throw new OfficeError("ItemNotFound", `The requested resource doesn't exist: table ${name}`);
    return found;
  }

  hasTable(name: string): boolean {
    return this.tables.some((t) => same(t.name, name));
  }

  checkSheetName(name: string, except?: FakeSheet): void {
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || same(name, "History")) {
      throw new OfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: sheet name ${name}`);
    }
    if (this.sheets.some((s) => s !== except && same(s.name, name))) {
      throw new OfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}`);
    }
  }

  checkDefinedName(name: string, except?: FakeTable): void {
    if (this.tables.some((t) => t !== except && same(t.name, name)) || this.names.some((n) => same(n.name, name))) {
      throw new OfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}`);
    }
  }

  /** Test builder: a sheet with values from `at`, like a user typing them. */
  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Test builder: writes literal values starting at an A1 address. */
  put(sheetName: string, at: string, rows: (Scalar | null)[][]): void {
    const sheet = this.sheet(sheetName);
    const { row, column } = parseRange(at);
    rows.forEach((values, r) =>
      values.forEach((value, c) => {
        if (value !== null) sheet.cell(row + r, column + c).value = value;
      }),
    );
  }

  /** A user typing `text` into a cell: Excel parses it unless the cell is formatted as Text. */
  typeInto(sheetName: string, address: string, text: string): void {
    const { row, column } = parseRange(address);
    store(this.sheet(sheetName).cell(row, column), text);
  }

  /** Test builder: a table with a header row and rows of values, as a user would have it. */
  addTable(sheetName: string, name: string, at: string, headers: string[], rows: (Scalar | null)[][]): FakeTable {
    this.put(sheetName, at, [headers, ...rows]);
    const { row, column } = parseRange(at);
    const table = new FakeTable(name, this.sheet(sheetName), { row, column, rowCount: Math.max(1, rows.length) + 1, columnCount: headers.length });
    this.tables.push(table);
    return table;
  }

  /** Every non-empty cell as "Sheet!A1" → value and formula, to compare before and after. */
  cellMap(): Map<string, { value: Scalar; formula?: string }> {
    const map = new Map<string, { value: Scalar; formula?: string }>();
    for (const sheet of this.sheets) {
      for (const [k, cell] of sheet.cells) {
        if (cell.value === "" && cell.formula === undefined) continue;
        const [row, column] = k.split(",").map(Number);
        map.set(`${sheet.name}!${cellAddress({ row, column })}`, { value: cell.value, ...(cell.formula !== undefined && { formula: cell.formula }) });
      }
    }
    return map;
  }
}

interface Queued {
  readonly command: unknown;
  readonly run: () => void;
}

export interface RequestRecord {
  /** UTF-8 size of the JSON of the commands sent in this sync. */
  readonly bytes: number;
  readonly commands: number;
  /** UTF-8 size of the JSON of what the sync's loads sent back. */
  responseBytes: number;
  /** Whether Excel refused to send the response back (over the limit); its bytes never travelled. */
  refused?: boolean;
}

/**
 * Excel on the web refuses a request, and a response, larger than 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded:
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

// TextEncoder rather than Buffer: the fake also runs in the browser (bench/officeStub.ts, test/browser).
const encoder = new TextEncoder();
const utf8Bytes = (value: unknown) => encoder.encode(JSON.stringify(value) ?? "").length;

/** Makes a context fail when a queued command matches. */
export interface FailureRule {
  readonly when: (command: { op: string; [key: string]: unknown }) => boolean;
  readonly code: string;
}

export class FakeContext {
  readonly workbook: WorkbookApi;
  /** Calculation: suspensions requested, and recalculations asked for (the fake does not calculate). */
  calculation = { suspended: 0, recalculated: 0 };
  readonly application = {
    suspendApiCalculationUntilNextSync: () => this.enqueue({ op: "suspendCalculation" }, () => this.calculation.suspended++),
    calculate: (type: string) => this.enqueue({ op: "calculate", type }, () => this.calculation.recalculated++),
  };
  syncs = 0;
  readonly requests: RequestRecord[] = [];
  private queue: Queued[] = [];
  private failures: FailureRule[] = [];

  constructor(readonly model: FakeWorkbook = new FakeWorkbook()) {
    this.workbook = new WorkbookApi(this);
  }

  private beforeSyncs = new Map<number, () => void>();

  failWhen(rule: FailureRule): void {
    this.failures.push(rule);
  }

  /** Runs `change` just before the `n`th sync (1-based) is applied: another user's edit arriving in between. */
  beforeSync(n: number, change: () => void): void {
    this.beforeSyncs.set(n, change);
  }

  enqueue(command: { op: string; [key: string]: unknown }, run: () => void): void {
    this.queue.push({ command, run });
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.requests.map((r) => r.bytes));
  }

  /** The largest response: what one sync's loads sent back (a refused one sent nothing). */
  get maxResponseBytes(): number {
    return Math.max(0, ...this.requests.filter((r) => !r.refused).map((r) => r.responseBytes));
  }

  /** What all the context's loads sent back. */
  get totalResponseBytes(): number {
    return this.requests.filter((r) => !r.refused).reduce((sum, r) => sum + r.responseBytes, 0);
  }

  /** The most commands one request carried. */
  get maxRequestCommands(): number {
    return Math.max(0, ...this.requests.map((r) => r.commands));
  }

  /** Every command the context sent. */
  get totalCommands(): number {
    return this.requests.reduce((sum, r) => sum + r.commands, 0);
  }

  /** Notes what a load sends back, refusing the request when the response outgrows the limit. */
  respond(value: unknown): void {
    const request = this.requests.at(-1);
    if (!request) return;
    request.responseBytes += utf8Bytes(value);
    if (request.responseBytes > PAYLOAD_LIMIT_BYTES) {
      request.refused = true;
      throw new OfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${request.responseBytes} bytes)`);
    }
  }

  /** Milliseconds each sync takes, as a round trip to Excel does; 0 resolves at once. */
  latency = 0;

  sync(): Promise<void> {
    if (this.latency > 0) {
      return new Promise<void>((resolve) => setTimeout(resolve, this.latency)).then(() => this.apply());
    }
    return this.apply();
  }

  private apply(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.syncs++;
    this.beforeSyncs.get(this.syncs)?.();
    const record: RequestRecord = { bytes: batch.reduce((sum, q) => sum + utf8Bytes(q.command), 0), commands: batch.length, responseBytes: 0 };
    this.requests.push(record);
    try {
      if (record.bytes > PAYLOAD_LIMIT_BYTES) {
        throw new OfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${record.bytes} bytes)`);
      }
      for (const { command, run } of batch) {
        const failure = this.failures.find((rule) => rule.when(command as { op: string }));
        if (failure) throw new OfficeError(failure.code, `Injected failure ${failure.code} at ${(command as { op: string }).op}`);
        run();
      }
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve();
  }

  /** What the add-in's code sees as `Excel.RequestContext`. */
  asExcel(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
}

/** Base of every API object: loaded properties become readable after a sync. */
class ApiObject {
  protected loaded: Record<string, unknown> | undefined;
  protected loadedPaths = new Set<string>();
  constructor(protected readonly ctx: FakeContext) {}

  protected snapshot(paths: string[]): Record<string, unknown> {
    void paths;
    return {};
  }

  load(paths?: string | string[]): this {
    const list = (Array.isArray(paths) ? paths : (paths ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue({ op: "load", paths: list }, () => {
      this.loaded = this.snapshot(list);
      this.ctx.respond(this.loaded);
      list.forEach((p) => this.loadedPaths.add(p.split("/")[0]));
      this.afterLoad(list);
    });
    return this;
  }

  protected afterLoad(paths: string[]): void {
    void paths;
  }

  protected read<T>(property: string): T {
    if (!this.loaded || !this.loadedPaths.has(property)) {
      throw new Error(`PropertyNotLoaded: ${property} was not loaded and synced before it was read`);
    }
    return this.loaded[property] as T;
  }
}

class WorkbookApi {
  readonly worksheets: WorksheetCollectionApi;
  readonly tables: TableCollectionApi;
  readonly names: NameCollectionApi;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionApi(ctx);
    this.tables = new TableCollectionApi(ctx);
    this.names = new NameCollectionApi(ctx);
  }

  /** The active cell; the model's selection (see `FakeWorkbook.select`), A1 of the first sheet by default. */
  getActiveCell(): RangeApi {
    const model = this.ctx.model;
    return new RangeApi(
      this.ctx,
      () => model.sheet(model.selection?.sheet ?? model.sheets[0].name),
      () => {
        const { row, column } = parseRange(model.selection?.address ?? "A1");
        return { row, column, rowCount: 1, columnCount: 1 };
      },
      "activeCell",
    );
  }
}

class WorksheetCollectionApi extends ApiObject {
  private list: WorksheetApi[] = [];

  readonly onSelectionChanged = {
    add: (handler: (event: { address: string; worksheetId: string }) => Promise<void>) => {
      this.ctx.enqueue({ op: "worksheets.onSelectionChanged.add" }, () => this.ctx.model.selectionHandlers.push(handler));
      return {
        remove: () =>
          this.ctx.enqueue({ op: "worksheets.onSelectionChanged.remove" }, () => {
            const handlers = this.ctx.model.selectionHandlers;
            handlers.splice(handlers.indexOf(handler), 1);
          }),
      };
    },
  };

  get items(): WorksheetApi[] {
    this.read("items");
    return this.list;
  }

  protected override afterLoad(paths: string[]): void {
    const itemPaths = paths.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    this.list = this.ctx.model.sheets.map((sheet) => WorksheetApi.loaded(this.ctx, sheet, itemPaths));
  }

  // A collection's response carries each item's loaded properties, so its size grows with the items.
  protected override snapshot(): Record<string, unknown> {
    return { items: this.ctx.model.sheets.map((sheet) => ({ name: sheet.name })) };
  }

  getItem(name: string): WorksheetApi {
    return new WorksheetApi(this.ctx, () => this.ctx.model.sheet(name), `sheet:${name}`);
  }

  getFirst(): WorksheetApi {
    return new WorksheetApi(
      this.ctx,
      () => {
        const first = this.ctx.model.sheets[0];
        if (!first) throw new OfficeError("ItemNotFound", "The workbook has no sheets");
        return first;
      },
      "sheet:first",
    );
  }

  add(name: string): WorksheetApi {
    const sheet = new FakeSheet(name);
    this.ctx.enqueue({ op: "worksheets.add", name }, () => {
      this.ctx.model.checkSheetName(name);
      this.ctx.model.sheets.push(sheet);
    });
    return new WorksheetApi(this.ctx, () => sheet, `sheet:${name}`);
  }
}

/** Like an Office.js proxy, an object is looked up once and then stays bound, even if renamed. */
function bound<T>(lookup: () => T): () => T {
  let found: T | undefined;
  return () => (found ??= lookup());
}

class WorksheetApi extends ApiObject {
  readonly resolve: () => FakeSheet;
  constructor(
    ctx: FakeContext,
    resolve: () => FakeSheet,
    private readonly ref: string,
  ) {
    super(ctx);
    this.resolve = bound(resolve);
  }

  static loaded(ctx: FakeContext, sheet: FakeSheet, paths: string[]): WorksheetApi {
    const api = new WorksheetApi(ctx, () => sheet, `sheet:${sheet.name}`);
    api.loaded = { name: sheet.name };
    paths.forEach((p) => api.loadedPaths.add(p));
    return api;
  }

  protected override snapshot(): Record<string, unknown> {
    return { name: this.resolve().name };
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.ctx.enqueue({ op: "worksheet.name", target: this.ref, value }, () => {
      const sheet = this.resolve();
      this.ctx.model.checkSheetName(value, sheet);
      sheet.name = value;
    });
  }

  set tabColor(value: string) {
    this.ctx.enqueue({ op: "worksheet.tabColor", target: this.ref, value }, () => {
      this.resolve().tabColor = value;
    });
  }

  get tables() {
    return {
      add: (source: RangeApi | string, hasHeaders: boolean) => {
        const range = typeof source === "string" ? new RangeApi(this.ctx, this.resolve, () => parseRange(source), source) : source;
        const table = new FakeTable("", new FakeSheet(""), { row: 0, column: 0, rowCount: 0, columnCount: 0 });
        this.ctx.enqueue({ op: "tables.add", target: this.ref, range: range.ref, hasHeaders }, () => {
          const sheet = range.sheet();
          const box = range.box();
          if (this.ctx.model.tables.some((t) => t.sheet === sheet && intersects(t.range, box))) {
            throw new OfficeError("InvalidOperation", "A table can't overlap another table");
          }
          let n = this.ctx.model.tables.length + 1;
          while (this.ctx.model.hasTable(`Table${n}`)) n++;
          table.name = `Table${n}`;
          table.sheet = sheet;
          table.range = hasHeaders ? box : { ...box, row: box.row - 1, rowCount: box.rowCount + 1 };
          if (box.rowCount === 1 && hasHeaders) table.range = { ...box, rowCount: 2 };
          for (let c = 0; c < box.columnCount; c++) {
            const header = sheet.cell(table.range.row, table.range.column + c);
            if (header.value === "") header.value = `Column${c + 1}`;
          }
          this.ctx.model.tables.push(table);
        });
        return new TableApi(this.ctx, () => table, "table:new");
      },
    };
  }

  get charts(): ChartCollectionApi {
    return new ChartCollectionApi(this.ctx, this.resolve, this.ref);
  }

  getRange(address?: string): RangeApi {
    return new RangeApi(
      this.ctx,
      this.resolve,
      () => (address ? parseAddress(address) : { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: 16_384 }),
      address ?? "(sheet)",
      `${this.ref}!`,
    );
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): RangeApi {
    const box = { row, column, rowCount, columnCount };
    return new RangeApi(this.ctx, this.resolve, () => box, rangeAddress(box), `${this.ref}!`);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeApi {
    const range = new RangeApi(
      this.ctx,
      this.resolve,
      () => {
        const used = this.resolve().usedRange();
        if (!used) throw new Error("null object has no box");
        return used;
      },
      `usedRange(${Boolean(valuesOnly)})`,
      `${this.ref}!`,
    );
    range.nullWhen = () => this.resolve().usedRange() === null;
    return range;
  }

  get freezePanes() {
    return {
      freezeAt: (address: string) =>
        this.ctx.enqueue({ op: "freezeAt", target: this.ref, address }, () => {
          const box = parseRange(address);
          this.resolve().frozen = { rows: box.row + box.rowCount, columns: box.column + box.columnCount };
        }),
      freezeRows: (count: number) =>
        this.ctx.enqueue({ op: "freezeRows", target: this.ref, count }, () => {
          this.resolve().frozen = { rows: count, columns: 0 };
        }),
    };
  }

  activate(): void {
    this.ctx.enqueue({ op: "activate", target: this.ref }, () => {
      this.ctx.model.activeSheet = this.resolve().name;
    });
  }
}

/** Addresses as Office.js takes them: "A1", "A1:C3" or whole columns "C:C". */
function parseAddress(address: string): RangeBox {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const columns = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(local);
  if (columns) {
    const first = columnIndex(columns[1]);
    return { row: 0, column: first, rowCount: MAX_ROWS, columnCount: columnIndex(columns[2]) - first + 1 };
  }
  return parseRange(local);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/**
 * Refuses validation arguments the Office.js reference does not allow
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.listdatavalidation#excel-excel-listdatavalidation-source-member,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.datetimedatavalidation#excel-excel-datetimedatavalidation-formula1-member):
 * a list's source is a range, a formula ("=Name") or "a string that contains a
 * comma-separated number, Boolean, or date" (no file-format quotes, which
 * Excel would show as part of the first and last item); a date rule's
 * operands are a Date, a range, a stringified ISO 8601 date or a formula.
 */
function checkValidationRule(rule: Excel.DataValidationRule): void {
  const refuse = (why: string) => {
    throw new OfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${why}`);
  };
  const source = rule.list?.source;
  if (typeof source === "string" && !source.startsWith("=") && source.includes('"')) refuse(`list source ${source}`);
  for (const operand of [rule.date?.formula1, rule.date?.formula2]) {
    if (typeof operand === "string" && !operand.startsWith("=") && !ISO_DATE.test(operand)) refuse(`date operand ${operand}`);
  }
  if (rule.custom && !rule.custom.formula.startsWith("=")) refuse(`custom formula ${rule.custom.formula}`);
}

/** Stores a value the way Excel parses typed input, unless the cell is formatted as Text. */
function store(cell: FakeCell, input: unknown): void {
  if (input === null || input === undefined) return;
  if (typeof input === "number" || typeof input === "boolean") {
    cell.value = input;
    delete cell.formula;
    return;
  }
  const text = typeof input === "string" ? input : JSON.stringify(input);
  // Excel keeps whatever is entered into a Text-formatted cell as text, formulas included.
  if (cell.numberFormat === "@") {
    cell.value = text;
    delete cell.formula;
    return;
  }
  if (/^[=+\-@]/.test(text) && text.length > 1) {
    cell.formula = text.startsWith("=") ? text : `=${text}`;
    cell.value = "";
    return;
  }
  delete cell.formula;
  // Excel reads a date typed (or written) into a cell that is not Text as a date serial number.
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    cell.value = toSerial(text.trim());
    if (cell.numberFormat === "General") cell.numberFormat = "yyyy-mm-dd";
    return;
  }
  cell.value = text !== "" && /^[+-]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

class RangeApi extends ApiObject {
  nullWhen?: () => boolean;

  constructor(
    ctx: FakeContext,
    readonly sheet: () => FakeSheet,
    readonly box: () => RangeBox,
    readonly ref: string,
    private readonly prefix = "",
  ) {
    super(ctx);
  }

  protected override snapshot(paths: string[]): Record<string, unknown> {
    if (this.nullWhen?.()) return { isNullObject: true };
    const box = this.box();
    const sheet = this.sheet();
    const grid = (pick: (cell: FakeCell | undefined) => unknown) =>
      Array.from({ length: box.rowCount }, (_, r) => Array.from({ length: box.columnCount }, (_, c) => pick(sheet.peek(box.row + r, box.column + c))));
    const wanted = (property: string) => paths.length === 0 || paths.includes(property);
    return {
      isNullObject: false,
      address: `${sheet.name}!${rangeAddress(box)}`,
      rowIndex: box.row,
      columnIndex: box.column,
      rowCount: box.rowCount,
      columnCount: box.columnCount,
      ...(wanted("values") && { values: grid((cell) => cell?.value ?? "") }),
      ...(wanted("formulas") && { formulas: grid((cell) => cell?.formula ?? cell?.value ?? "") }),
      ...(wanted("numberFormat") && { numberFormat: grid((cell) => cell?.numberFormat ?? "General") }),
    };
  }

  protected override afterLoad(): void {
    this.loadedPaths.add("isNullObject");
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get values(): Scalar[][] {
    return this.read("values");
  }
  set values(rows: unknown[][]) {
    this.writeGrid("values", rows, (cell, value) => store(cell, value));
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(rows: unknown[][]) {
    this.writeGrid("formulas", rows, (cell, value) => store(cell, value));
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(rows: unknown[][]) {
    this.writeGrid("numberFormat", rows, (cell, value) => {
      if (typeof value === "string") cell.numberFormat = value === "" ? "General" : value;
    });
  }

  private writeGrid(property: string, rows: unknown[][], apply: (cell: FakeCell, value: unknown) => void): void {
    this.ctx.enqueue({ op: `range.${property}`, target: `${this.prefix}${this.ref}`, rows }, () => {
      const box = this.box();
      if (!Array.isArray(rows) || rows.length !== box.rowCount || rows.some((row) => !Array.isArray(row) || row.length !== box.columnCount)) {
        throw new OfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size of the range ${rangeAddress(box)}`);
      }
      const sheet = this.sheet();
      for (const table of this.ctx.model.tables) {
        if (table.sheet === sheet && intersects({ ...table.range, row: table.range.row + 1, rowCount: table.range.rowCount - 1 }, box)) table.refuseWhenFiltered("write to");
      }
      rows.forEach((row, r) => row.forEach((value, c) => apply(sheet.cell(box.row + r, box.column + c), value)));
    });
  }

  set hyperlink(value: Excel.RangeHyperlink) {
    this.ctx.enqueue({ op: "range.hyperlink", target: `${this.prefix}${this.ref}`, value }, () => {
      const box = this.box();
      const sheet = this.sheet();
      for (let r = 0; r < box.rowCount; r++) {
        for (let c = 0; c < box.columnCount; c++) {
          const cell = sheet.cell(box.row + r, box.column + c);
          cell.hyperlink = value.documentReference;
          if (value.textToDisplay !== undefined) cell.value = value.textToDisplay;
        }
      }
    });
  }

  /** Clears the cells; the fake supports "All" (values, formats and links). */
  clear(applyTo: string): void {
    this.ctx.enqueue({ op: "range.clear", target: `${this.prefix}${this.ref}`, applyTo }, () => {
      if (applyTo !== "All") throw new Error("The fake clears only with All");
      const box = this.box();
      const sheet = this.sheet();
      for (let r = 0; r < box.rowCount; r++) for (let c = 0; c < box.columnCount; c++) sheet.cells.delete(key(box.row + r, box.column + c));
    });
  }

  /** The cell at `row`, `column` of this range. */
  getCell(row: number, column: number): RangeApi {
    return new RangeApi(this.ctx, this.sheet, () => ({ row: this.box().row + row, column: this.box().column + column, rowCount: 1, columnCount: 1 }), `${this.ref}.cell(${row},${column})`, this.prefix);
  }

  /** Column `index` of this range. */
  getColumn(index: number): RangeApi {
    return new RangeApi(this.ctx, this.sheet, () => ({ ...this.box(), column: this.box().column + index, columnCount: 1 }), `${this.ref}.column(${index})`, this.prefix);
  }

  /**
   * The cells this range shares with `other`, or a null object when they share
   * none (ExcelApi 1.4:
   * https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-getintersectionornullobject-member(1)).
   */
  getIntersectionOrNullObject(other: RangeApi): RangeApi {
    const overlap = () => {
      const a = this.box();
      const b = other.box();
      const row = Math.max(a.row, b.row);
      const column = Math.max(a.column, b.column);
      const rowCount = Math.min(a.row + a.rowCount, b.row + b.rowCount) - row;
      const columnCount = Math.min(a.column + a.columnCount, b.column + b.columnCount) - column;
      return this.sheet() === other.sheet() && rowCount > 0 && columnCount > 0 ? { row, column, rowCount, columnCount } : undefined;
    };
    const range = new RangeApi(this.ctx, this.sheet, () => overlap() ?? { row: 0, column: 0, rowCount: 0, columnCount: 0 }, `${this.ref}.intersection(${other.ref})`, this.prefix);
    range.nullWhen = () => overlap() === undefined;
    return range;
  }

  /** Row `index` of this range (which may lie below it, as in Excel). */
  getRow(index: number): RangeApi {
    return new RangeApi(this.ctx, this.sheet, () => ({ ...this.box(), row: this.box().row + index, rowCount: 1 }), `${this.ref}.row(${index})`, this.prefix);
  }

  /** This range grown (or shrunk) by rows and columns from its top-left corner. */
  getResizedRange(deltaRows: number, deltaColumns: number): RangeApi {
    return new RangeApi(
      this.ctx,
      this.sheet,
      () => {
        const box = this.box();
        return { ...box, rowCount: box.rowCount + deltaRows, columnCount: box.columnCount + deltaColumns };
      },
      `${this.ref}.resized(${deltaRows},${deltaColumns})`,
      this.prefix,
    );
  }

  /**
   * Deletes the cells, moving those below up. Rows spanning a table's full
   * width are deleted from the table, as Excel does.
   */
  delete(shift: string): void {
    this.ctx.enqueue({ op: "range.delete", target: `${this.prefix}${this.ref}`, shift }, () => {
      if (shift !== "Up") throw new Error("The fake deletes only with shift Up");
      const box = this.box();
      const sheet = this.sheet();
      const table = this.ctx.model.tables.find(
        (t) => t.sheet === sheet && t.range.column === box.column && t.range.columnCount === box.columnCount && box.row > t.range.row && box.row + box.rowCount <= t.range.row + t.range.rowCount,
      );
      if (table) table.deleteRow(box.row - table.range.row - 1, box.rowCount);
      else sheet.deleteRowCells(box.row, box.column, box.columnCount, box.rowCount);
    });
  }

  getLastRow(): RangeApi {
    return new RangeApi(
      this.ctx,
      this.sheet,
      () => {
        const box = this.box();
        return { ...box, row: box.row + box.rowCount - 1, rowCount: 1 };
      },
      `${this.ref}.lastRow`,
      this.prefix,
    );
  }

  get worksheet(): WorksheetApi {
    return new WorksheetApi(this.ctx, this.sheet, `${this.ref}.worksheet`);
  }

  /**
   * Fills the destination (which must start with this range) with this range's content, or only
   * its number format for "FillFormats". The fake
   * copies formulas verbatim, which is right for structured references; it refuses formulas with
   * relative A1 references, which Excel would shift.
   */
  autoFill(destination: RangeApi, type: string): void {
    this.ctx.enqueue({ op: "range.autoFill", target: `${this.prefix}${this.ref}`, destination: destination.ref, type }, () => {
      const source = this.box();
      const target = destination.box();
      if (target.row !== source.row || target.column !== source.column || target.columnCount !== source.columnCount) {
        throw new OfficeError("InvalidArgument", "The destination range must start with the source range");
      }
      const sheet = this.sheet();
      for (let c = 0; c < source.columnCount; c++) {
        const from = sheet.peek(source.row, source.column + c);
        if (from?.formula && /(^|[^A-Za-z_[])\$?[A-Z]{1,3}\$?\d+/.test(from.formula.replace(/\[[^\]]*\]/g, ""))) {
          throw new Error("The fake cannot fill formulas with relative A1 references");
        }
        for (let r = source.rowCount; r < target.rowCount; r++) {
          const cell = sheet.cell(source.row + r, source.column + c);
          cell.numberFormat = from?.numberFormat ?? "General";
          if (type === "FillFormats") continue;
          cell.value = from?.value ?? "";
          if (from?.formula === undefined) delete cell.formula;
          else cell.formula = from.formula;
        }
      }
    });
  }

  private styleCells(property: string, value: unknown, apply: (cell: FakeCell) => void): void {
    this.ctx.enqueue({ op: `range.format.${property}`, target: `${this.prefix}${this.ref}`, value }, () => {
      const box = this.box();
      const sheet = this.sheet();
      for (let r = 0; r < box.rowCount; r++) for (let c = 0; c < box.columnCount; c++) apply(sheet.cell(box.row + r, box.column + c));
    });
  }

  get format() {
    const range = this;
    return {
      fill: {
        set color(value: string) {
          range.styleCells("fill", value, (cell) => (cell.fill = value));
        },
      },
      font: {
        set color(value: string) {
          range.styleCells("font.color", value, (cell) => (cell.fontColor = value));
        },
        set bold(value: boolean) {
          range.styleCells("font.bold", value, (cell) => (cell.bold = value));
        },
        set size(value: number) {
          range.styleCells("font.size", value, (cell) => (cell.fontSize = value));
        },
      },
      set wrapText(value: boolean) {
        range.styleCells("wrapText", value, (cell) => (cell.wrap = value));
      },
      set columnWidth(value: number) {
        range.ctx.enqueue({ op: "range.format.columnWidth", target: range.ref, value }, () => {
          const box = range.box();
          for (let c = 0; c < box.columnCount; c++) range.sheet().columnWidths.set(box.column + c, value);
        });
      },
    };
  }

  get dataValidation() {
    const range = this;
    const current = () => {
      const box = range.box();
      const sheet = range.sheet();
      let entry = sheet.validations.find((v) => rangeAddress(v.range) === rangeAddress(box));
      if (!entry) {
        entry = { range: box };
        sheet.validations.push(entry);
      }
      return entry;
    };
    return {
      clear: () =>
        range.ctx.enqueue({ op: "dataValidation.clear", target: range.ref }, () => {
          const box = range.box();
          const sheet = range.sheet();
          sheet.validations = sheet.validations.filter((v) => !intersects(v.range, box));
        }),
      set ignoreBlanks(value: boolean) {
        range.ctx.enqueue({ op: "dataValidation.ignoreBlanks", target: range.ref, value }, () => (current().ignoreBlanks = value));
      },
      set rule(value: Excel.DataValidationRule) {
        range.ctx.enqueue({ op: "dataValidation.rule", target: range.ref, value }, () => {
          checkValidationRule(value);
          const box = range.box();
          const sheet = range.sheet();
          if (sheet.validations.some((v) => v.rule && intersects(v.range, box) && rangeAddress(v.range) !== rangeAddress(box))) {
            throw new OfficeError("InvalidOperation", "The range has other data validation rules; clear them first");
          }
          current().rule = value;
        });
      },
      set errorAlert(value: Excel.DataValidationErrorAlert) {
        range.ctx.enqueue({ op: "dataValidation.errorAlert", target: range.ref, value }, () => (current().errorAlert = value));
      },
    };
  }

  get conditionalFormats(): ConditionalFormatCollectionApi {
    return new ConditionalFormatCollectionApi(this.ctx, this);
  }
}

/**
 * A range's conditional formats. Excel numbers a sheet's rules by priority,
 * and a rule's `id` is that priority ("The priority of the conditional format
 * in the current ConditionalFormatCollection",
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-id-member):
 * deleting a rule renumbers the ones after it, so an id read earlier may name
 * another rule, or none, by the time it is used.
 */
class ConditionalFormatCollectionApi extends ApiObject {
  private list: ConditionalFormatApi[] = [];
  constructor(
    ctx: FakeContext,
    private readonly range: RangeApi,
  ) {
    super(ctx);
  }

  protected override snapshot(): Record<string, unknown> {
    const box = this.range.box();
    const formats = this.range.sheet().conditionalFormats;
    return {
      items: formats
        .map((format, priority) => ({ format, priority }))
        .filter(({ format }) => intersects(format.range, box))
        .map(({ format, priority }) => ({ id: String(priority), type: format.type, formula: format.type === "Custom" ? format.formula : undefined })),
    };
  }

  protected override afterLoad(): void {
    const sheet = this.range.sheet;
    this.list = (this.loaded?.items as { id: string; type: string; formula?: string }[]).map((item) => ConditionalFormatApi.loaded(this.ctx, item, sheet));
  }

  get items(): ConditionalFormatApi[] {
    this.read("items");
    return this.list;
  }

  add(type: string): ConditionalFormatApi {
    let at: number | undefined;
    this.ctx.enqueue({ op: "conditionalFormats.add", target: this.range.ref, type }, () => {
      const formats = this.range.sheet().conditionalFormats;
      formats.push({ type, range: this.range.box(), formula: "" });
      at = formats.length - 1;
    });
    return new ConditionalFormatApi(this.ctx, () => at, this.range.sheet);
  }

  getItem(id: string): ConditionalFormatApi {
    return new ConditionalFormatApi(this.ctx, () => Number(id), this.range.sheet);
  }
}

/**
 * A conditional format, bound to a priority as Excel's is: after its priority
 * changes, "you have to re-fetch a new copy of the object at that new priority
 * location if you want to make further changes to it"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-priority-member).
 */
class ConditionalFormatApi extends ApiObject {
  constructor(
    ctx: FakeContext,
    private readonly position: () => number | undefined,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }

  private resolve(): FakeConditionalFormat {
    const position = this.position();
    const found = position === undefined || !Number.isInteger(position) ? undefined : this.sheet().conditionalFormats[position];
    if (!found) throw new OfficeError("ItemNotFound", `No conditional format at priority ${String(position)}`);
    return found;
  }

  static loaded(ctx: FakeContext, item: { id: string; type: string; formula?: string }, sheet: () => FakeSheet): ConditionalFormatApi {
    const api = new ConditionalFormatApi(ctx, () => Number(item.id), sheet);
    api.loaded = { id: item.id, type: item.type, customOrNullObject: { isNullObject: item.formula === undefined, rule: { formula: item.formula ?? "" } } };
    api.loadedPaths = new Set(["id", "type", "customOrNullObject"]);
    return api;
  }

  get id(): string {
    return this.read("id");
  }
  get type(): string {
    return this.read("type");
  }

  get customOrNullObject(): { isNullObject: boolean; rule: { formula: string } } {
    return this.read("customOrNullObject");
  }

  set priority(value: number) {
    this.ctx.enqueue({ op: "conditionalFormat.priority", value }, () => {
      const formats = this.sheet().conditionalFormats;
      const format = this.resolve();
      formats.splice(formats.indexOf(format), 1);
      formats.splice(Math.max(0, Math.min(value, formats.length)), 0, format);
    });
  }

  delete(): void {
    this.ctx.enqueue({ op: "conditionalFormat.delete" }, () => {
      const formats = this.sheet().conditionalFormats;
      formats.splice(formats.indexOf(this.resolve()), 1);
    });
  }

  get custom() {
    const api = this;
    const set = (property: string, value: unknown, apply: (format: FakeConditionalFormat) => void) =>
      api.ctx.enqueue({ op: `conditionalFormat.custom.${property}`, value }, () => apply(api.resolve()));
    return {
      rule: {
        set formula(value: string) {
          set("rule.formula", value, (format) => (format.formula = value));
        },
      },
      format: {
        fill: {
          set color(value: string) {
            set("format.fill.color", value, (format) => (format.fill = value));
          },
        },
        font: {
          set color(value: string) {
            set("format.font.color", value, (format) => (format.fontColor = value));
          },
          set bold(value: boolean) {
            set("format.font.bold", value, (format) => (format.bold = value));
          },
        },
      },
    };
  }
}

/** An address as Excel reports it for a chart's data: the sheet and the range. */
function qualified(range: RangeApi): string {
  const name = range.sheet().name;
  const sheet = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  return `${sheet}!${rangeAddress(range.box())}`;
}

class ChartCollectionApi extends ApiObject {
  private list: ChartApi[] = [];
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly ref: string,
  ) {
    super(ctx);
  }

  protected override snapshot(): Record<string, unknown> {
    return { items: this.sheet().charts.map((chart) => ({ name: chart.name })) };
  }

  protected override afterLoad(): void {
    this.list = this.sheet().charts.map((chart) => ChartApi.loaded(this.ctx, () => chart, this.sheet));
  }

  get items(): ChartApi[] {
    this.read("items");
    return this.list;
  }

  add(type: string, source: RangeApi, seriesBy: string): ChartApi {
    const chart: FakeChart = { name: "", type, series: [] };
    this.ctx.enqueue({ op: "charts.add", target: this.ref, type, source: source.ref, seriesBy }, () => {
      const sheet = this.sheet();
      let n = sheet.charts.length + 1;
      while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
      chart.name = `Chart ${n}`;
      chart.series = [{ values: qualified(source) }];
      sheet.charts.push(chart);
    });
    return new ChartApi(this.ctx, () => chart, this.sheet);
  }

  getItem(name: string): ChartApi {
    return new ChartApi(
      this.ctx,
      () => {
        const found = this.sheet().charts.find((chart) => chart.name === name);
        if (!found) throw new OfficeError("ItemNotFound", `No chart named ${name}`);
        return found;
      },
      this.sheet,
    );
  }
}

class ChartSeriesApi {
  constructor(
    private readonly ctx: FakeContext,
    private readonly series: () => FakeChartSeries,
  ) {}

  set name(value: string) {
    this.ctx.enqueue({ op: "series.name", value }, () => (this.series().name = value));
  }

  setValues(range: RangeApi): void {
    this.ctx.enqueue({ op: "series.setValues", range: range.ref }, () => (this.series().values = qualified(range)));
  }

  setXAxisValues(range: RangeApi): void {
    this.ctx.enqueue({ op: "series.setXAxisValues", range: range.ref }, () => (this.series().xValues = qualified(range)));
  }
}

class ChartApi extends ApiObject {
  readonly resolve: () => FakeChart;
  constructor(
    ctx: FakeContext,
    resolve: () => FakeChart,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
    this.resolve = bound(resolve);
  }

  static loaded(ctx: FakeContext, resolve: () => FakeChart, sheet: () => FakeSheet): ChartApi {
    const api = new ChartApi(ctx, resolve, sheet);
    api.loaded = { name: resolve().name };
    api.loadedPaths.add("name");
    return api;
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.ctx.enqueue({ op: "chart.name", value }, () => (this.resolve().name = value));
  }

  get title() {
    const chart = this;
    return {
      set text(value: string) {
        chart.ctx.enqueue({ op: "chart.title.text", value }, () => (chart.resolve().title = value));
      },
    };
  }

  get legend() {
    const chart = this;
    return {
      set position(value: string) {
        chart.ctx.enqueue({ op: "chart.legend.position", value }, () => (chart.resolve().legend = value));
      },
    };
  }

  get series() {
    return {
      getItemAt: (index: number) =>
        new ChartSeriesApi(this.ctx, () => {
          const found = this.resolve().series[index];
          if (!found) throw new OfficeError("InvalidArgument", `The chart has no series ${index}`);
          return found;
        }),
      add: (name: string) => {
        let added: FakeChartSeries | undefined;
        this.ctx.enqueue({ op: "series.add", name }, () => {
          added = { name };
          this.resolve().series.push(added);
        });
        return new ChartSeriesApi(this.ctx, () => added as FakeChartSeries);
      },
    };
  }

  setPosition(start: string, end: string): void {
    this.ctx.enqueue({ op: "chart.setPosition", start, end }, () => (this.resolve().position = { start, end }));
  }

  delete(): void {
    this.ctx.enqueue({ op: "chart.delete" }, () => {
      const sheet = this.sheet();
      sheet.charts = sheet.charts.filter((chart) => chart !== this.resolve());
    });
  }
}

class TableCollectionApi extends ApiObject {
  private list: TableApi[] = [];

  protected override snapshot(): Record<string, unknown> {
    return { items: this.ctx.model.tables.map((table) => ({ name: table.name, worksheet: { name: table.sheet.name } })) };
  }

  protected override afterLoad(paths: string[]): void {
    const itemPaths = paths.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    this.list = this.ctx.model.tables.map((table) => TableApi.loaded(this.ctx, table, itemPaths));
  }

  get items(): TableApi[] {
    this.read("items");
    return this.list;
  }

  getItem(name: string): TableApi {
    return new TableApi(this.ctx, () => this.ctx.model.table(name), `table:${name}`);
  }
}

class TableApi extends ApiObject {
  readonly resolve: () => FakeTable;
  constructor(
    ctx: FakeContext,
    resolve: () => FakeTable,
    private readonly ref: string,
  ) {
    super(ctx);
    this.resolve = bound(resolve);
  }

  static loaded(ctx: FakeContext, table: FakeTable, paths: string[]): TableApi {
    const api = new TableApi(ctx, () => table, `table:${table.name}`);
    api.loaded = { name: table.name };
    paths.forEach((p) => api.loadedPaths.add(p.split("/")[0]));
    return api;
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.ctx.enqueue({ op: "table.name", target: this.ref, value }, () => {
      const table = this.resolve();
      this.ctx.model.checkDefinedName(value, table);
      table.name = value;
    });
  }

  set style(value: string) {
    this.ctx.enqueue({ op: "table.style", target: this.ref, value }, () => {
      this.resolve().style = value;
    });
  }

  /** The table's sheet; its name is readable when the table was loaded with "worksheet/name". */
  get worksheet(): WorksheetApi {
    const sheet = new WorksheetApi(this.ctx, () => this.resolve().sheet, `${this.ref}.worksheet`);
    if (this.loadedPaths.has("worksheet")) return WorksheetApi.loaded(this.ctx, this.resolve().sheet, ["name"]);
    return sheet;
  }

  private part(name: string, box: (table: FakeTable) => RangeBox): RangeApi {
    return new RangeApi(this.ctx, () => this.resolve().sheet, () => box(this.resolve()), `${this.ref}.${name}`);
  }

  getRange(): RangeApi {
    return this.part("range", (t) => t.range);
  }

  getHeaderRowRange(): RangeApi {
    return this.part("header", (t) => ({ ...t.range, rowCount: 1 }));
  }

  getDataBodyRange(): RangeApi {
    return this.part("body", (t) => ({ ...t.range, row: t.range.row + 1, rowCount: t.range.rowCount - 1 }));
  }

  get columns() {
    return {
      getItem: (header: string) => ({
        getDataBodyRange: () =>
          this.part(`column(${header}).body`, (t) => {
            const index = t.headers().indexOf(header);
            if (index < 0) throw new OfficeError("ItemNotFound", `The table has no column ${header}`);
            return { row: t.range.row + 1, column: t.range.column + index, rowCount: t.range.rowCount - 1, columnCount: 1 };
          }),
      }),
      add: (index?: number | null, values?: unknown, name?: string) => {
        this.ctx.enqueue({ op: "table.columns.add", target: this.ref, index: index ?? null, values: values ?? null, name: name ?? null }, () => {
          const table = this.resolve();
          if (index !== undefined && index !== null && index !== -1) throw new Error("The fake only appends columns");
          const right = table.range.column + table.range.columnCount;
          const blocked = Array.from({ length: table.range.rowCount }, (_, r) => table.sheet.peek(table.range.row + r, right)).some(
            (cell) => cell && (cell.value !== "" || cell.formula !== undefined),
          );
          // Excel inserts cells for the new column rather than overwriting what is beside the table.
          if (blocked) table.sheet.shiftRight(table.range.row, table.range.row + table.range.rowCount, right);
          table.range = { ...table.range, columnCount: table.range.columnCount + 1 };
          table.sheet.cell(table.range.row, right).value = name ?? `Column${table.range.columnCount}`;
        });
      },
    };
  }

  /** Table.clearFilters (ExcelApi 1.2): shows every row again. */
  clearFilters(): void {
    this.ctx.enqueue({ op: "table.clearFilters", target: this.ref }, () => {
      this.resolve().filtered = false;
    });
  }

  get rows() {
    return {
      getItemAt: (index: number) => {
        this.ctx.enqueue({ op: "table.rows.getItemAt", target: this.ref, index }, () => {
          const table = this.resolve();
          if (index < 0 || index >= table.range.rowCount - 1) throw new OfficeError("ItemNotFound", `No table row ${index}`);
        });
        return new TableRowApi(this.ctx, this.resolve, () => index, `${this.ref}.rows[${index}]`);
      },
      add: (index?: number | null, values?: unknown[][]) => {
        let first: number | undefined;
        this.ctx.enqueue({ op: "table.rows.add", target: this.ref, index: index ?? null, values: values ?? null }, () => {
          const table = this.resolve();
          table.refuseWhenFiltered("add rows to");
          const rows = values ?? [[]];
          first = table.range.rowCount - 1;
          for (const row of rows) {
            const at = table.range.row + table.range.rowCount;
            const blocked = Array.from({ length: table.range.columnCount }, (_, c) => table.sheet.peek(at, table.range.column + c)).some(
              (cell) => cell && (cell.value !== "" || cell.formula !== undefined),
            );
            if (blocked) table.sheet.shiftDown(table.range.column, table.range.column + table.range.columnCount, at);
            table.range = { ...table.range, rowCount: table.range.rowCount + 1 };
            // A new row takes each column's number format from the row above. Its calculated
            // columns are filled only while the AutoCorrect option "Fill formulas in tables to
            // create calculated columns" is on: a user can turn it off, and then rows added by
            // the API get no formulas (office-js #2093, #5909, #6745).
            for (let c = 0; c < table.range.columnCount; c++) {
              const above = table.sheet.peek(at - 1, table.range.column + c);
              const cell = table.sheet.cell(at, table.range.column + c);
              if (above) cell.numberFormat = above.numberFormat;
              if (this.ctx.model.fillFormulasInTables && above?.formula && at - 1 > table.range.row) {
                cell.formula = above.formula;
                cell.value = "";
              }
            }
            row.forEach((value, c) => store(table.sheet.cell(at, table.range.column + c), value));
          }
        });
        return new TableRowApi(
          this.ctx,
          this.resolve,
          () => {
            if (first === undefined) throw new OfficeError("ItemNotFound", "The table row was never added");
            return first;
          },
          `${this.ref}.rows.added`,
        );
      },
    };
  }
}

/**
 * A table row. Like Excel.TableRow it stands for a position, not for the row's
 * data: "if the data is sorted or if new rows are added, a table row will
 * continue to point at the index for which it was created"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.tablerow). So
 * deleting an earlier row makes it point at the row that moved up into its
 * place, and past the end it no longer exists.
 */
class TableRowApi extends ApiObject {
  constructor(
    ctx: FakeContext,
    private readonly table: () => FakeTable,
    private readonly position: () => number,
    private readonly ref: string,
  ) {
    super(ctx);
  }

  private index(): number {
    const index = this.position();
    if (index < 0 || index >= this.table().range.rowCount - 1) throw new OfficeError("ItemNotFound", `The table has no row ${index}`);
    return index;
  }

  getRange(): RangeApi {
    return new RangeApi(
      this.ctx,
      () => this.table().sheet,
      () => {
        const table = this.table();
        return { row: table.range.row + 1 + this.index(), column: table.range.column, rowCount: 1, columnCount: table.range.columnCount };
      },
      `${this.ref}.range`,
    );
  }

  delete(): void {
    this.ctx.enqueue({ op: "table.row.delete", target: this.ref }, () => this.table().deleteRow(this.index()));
  }
}

class NameCollectionApi extends ApiObject {
  private list: { name: string; formula: string }[] = [];

  protected override snapshot(): Record<string, unknown> {
    return { items: this.ctx.model.names.map((n) => ({ name: n.name, formula: n.formula })) };
  }

  protected override afterLoad(): void {
    this.list = this.ctx.model.names.map((n) => ({ name: n.name, formula: n.formula }));
  }

  get items(): { name: string; formula: string }[] {
    this.read("items");
    return this.list;
  }

  /** A name that refers to a range, e.g. "=Summary!$A$1". */
  getItem(name: string) {
    const found = () => {
      const entry = this.ctx.model.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (!entry) throw new OfficeError("ItemNotFound", `No name ${name}`);
      const sheet = sheetOfReference(entry.formula);
      if (!sheet) throw new OfficeError("InvalidOperation", `${name} does not refer to a range`);
      return { sheet: this.ctx.model.sheet(sheet), box: parseRange(entry.formula.slice(entry.formula.lastIndexOf("!") + 1).replace(/\$/g, "")) };
    };
    return { getRange: () => new RangeApi(this.ctx, () => found().sheet, () => found().box, `name:${name}`) };
  }

  add(name: string, reference: string, comment?: string): void {
    this.ctx.enqueue({ op: "names.add", name, reference, comment: comment ?? null }, () => {
      this.ctx.model.checkDefinedName(name);
      this.ctx.model.names.push({ name, formula: reference, comment });
    });
  }
}

/** A fresh fake context over `model`, and a runner that hands it to actions. */
export function fakeExcel(model: FakeWorkbook = new FakeWorkbook()): {
  context: FakeContext;
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  runs: () => number;
} {
  const context = new FakeContext(model);
  let runs = 0;
  return {
    context,
    run: (batch) => {
      runs++;
      return batch(context.asExcel());
    },
    runs: () => runs,
  };
}

export { contains };
