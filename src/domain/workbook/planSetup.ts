/**
 * Plans setting up, or upgrading, a workbook as a POA&M.
 *
 * Ensure, don't create: on a blank workbook the plan creates every sheet,
 * table and name; on a workbook that already holds the tables it adds only
 * what is missing (columns appended after the last column, setting rows,
 * tables, names) and re-applies the add-in's validation and conditional
 * formats. It never writes into an existing cell, and where a user already has
 * a sheet with one of the add-in's names it uses a free name instead.
 */
import { columnLetter, quoteSheet, type RangeBox } from "../core/a1";
import { toSerial } from "../core/dates";
import { NAME, definedNames } from "./definedNames";
import { PoamError } from "../core/errors";
import { SETUP_MESSAGES } from "../core/messages";
import type { Cell, ColumnSpec, PlanOp, ValidationSpec, WorkbookPlan } from "./plan";
import { FINDING_FIELDS, MILESTONE_FIELDS, PERSON_FIELDS, recordCells, type InitialData } from "../poam/records";
import {
  CONDITIONAL_FORMATS,
  DATE_FORMAT,
  SHEETS,
  TABLES,
  type A1Refs,
  type ColumnSchema,
  type SheetKey,
  type TableSchema,
  type ValidationRule,
} from "./schema";
import { SETTING, SETTINGS } from "./settingsKeys";
import type { TableInfo, WorkbookSnapshot } from "./snapshot";
import { freeSheetName, sameName } from "./sheetNames";
import { SUMMARY_AREAS, summaryLayout } from "../summary/summaryLayout";

export interface SetupChanges {
  /** True when the workbook held none of the POA&M tables before. */
  readonly isNew: boolean;
  readonly createdSheets: readonly string[];
  readonly createdTables: readonly string[];
  readonly addedColumns: readonly { readonly table: string; readonly columns: readonly string[] }[];
  readonly addedSettings: readonly string[];
  readonly addedNames: readonly string[];
  /** Where a sheet name was taken by a user's sheet: the name wanted and the one used. */
  readonly renamedForCollision: readonly { readonly wanted: string; readonly used: string }[];
  /** Tables (and the Summary) whose add-in formulas were rewritten because the workbook predates the current rules. */
  readonly updatedFormulas?: readonly string[];
}

export interface SetupPlan extends WorkbookPlan {
  readonly changes: SetupChanges;
}

/**
 * Header cells are styled directly as well as by the table style, so headers
 * look the same in applications that do not draw Excel's table styles.
 */
const HEADER_STYLE = { fill: "#1F4E79", fontColor: "#FFFFFF", bold: true, wrap: true } as const;
const TITLE_STYLE = { bold: true, fontSize: 14, fontColor: "#1F4E79" } as const;
const SETTINGS_HINT = "Edit these tables to change the rules: validation lists and due-date formulas follow them.";
/** Excel refuses this sheet name; it is reserved for its change-tracking history. */
const RESERVED_SHEET_NAMES = ["History"];

/** A rule's formula with its cell references blanked, to recognise the add-in's own rules after columns move. */
export function formulaSignature(formula: string): string {
  return formula
    .replace(/^=/, "")
    .replace(/\$?[A-Z]{1,3}\$?[0-9]+/g, "#")
    .replace(/\$?[A-Z]{1,3}:\$?[A-Z]{1,3}/g, "#")
    .replace(/\s+/g, "");
}

/** The data cells of a table (all rows below the header). */
function dataRows(range: RangeBox): RangeBox {
  return { row: range.row + 1, column: range.column, rowCount: Math.max(1, range.rowCount - 1), columnCount: range.columnCount };
}

function columnBox(data: RangeBox, index: number): RangeBox {
  return { row: data.row, column: data.column + index, rowCount: data.rowCount, columnCount: 1 };
}

function a1Refs(headers: readonly string[], data: RangeBox): A1Refs {
  const letter = (header: string) => {
    const index = headers.indexOf(header);
    if (index < 0) throw new Error(`Column ${header} is not in the table`);
    return columnLetter(data.column + index);
  };
  return {
    cell: (header) => `$${letter(header)}${data.row + 1}`,
    column: (header) => `$${letter(header)}:$${letter(header)}`,
  };
}

function validationSpec(rule: ValidationRule, refs: A1Refs): ValidationSpec {
  switch (rule.type) {
    case "list":
      return { type: "list", source: rule.source };
    case "decimal":
    case "whole":
      return rule.max === undefined
        ? { type: rule.type, operator: "greaterThanOrEqual", formula1: String(rule.min) }
        : { type: rule.type, operator: "between", formula1: String(rule.min), formula2: String(rule.max) };
    case "pastDate":
      return { type: "date", operator: "lessThanOrEqual", formula1: "=TODAY()" };
    case "date":
      // Any real date: after 1 January 1900.
      return { type: "date", operator: "greaterThan", formula1: "1" };
    case "textLength":
      return { type: "textLength", operator: "lessThanOrEqual", formula1: String(rule.max) };
    case "custom":
      return { type: "custom", formula: rule.formula(refs) };
  }
}

/** Picks sheet names for the add-in, leaving users' sheets alone. */
class SheetNames {
  private readonly taken: string[];
  readonly renamed: { wanted: string; used: string }[] = [];

  constructor(existing: readonly string[]) {
    this.taken = [...existing, ...RESERVED_SHEET_NAMES];
  }

  claim(wanted: string): string {
    const name = freeSheetName(wanted, this.taken);
    if (name !== wanted) this.renamed.push({ wanted, used: name });
    this.taken.push(name);
    return name;
  }

  release(name: string): void {
    const index = this.taken.findIndex((taken) => sameName(taken, name));
    if (index >= 0) this.taken.splice(index, 1);
  }
}

interface ResolvedTable {
  readonly schema: TableSchema;
  readonly sheet: string;
  readonly headers: readonly string[];
  /** The whole table after the plan is applied, header included. */
  readonly range: RangeBox;
  readonly created: boolean;
  /** Columns the plan adds (all of them for a created table). */
  readonly newColumns: readonly ColumnSchema[];
}

function seedRows(schema: TableSchema, data: InitialData): (readonly Cell[])[] {
  const headers = schema.columns.map((column) => column.header);
  switch (schema.name) {
    case "Poam":
      return (data.findings ?? []).map((finding) => recordCells(finding, headers, FINDING_FIELDS));
    case "Milestones":
      return (data.milestones ?? []).map((milestone) => recordCells(milestone, headers, MILESTONE_FIELDS));
    case "People":
      return (data.people ?? []).map((person) => recordCells(person, headers, PERSON_FIELDS));
    case "History":
      return (data.history ?? []).map((snapshot) =>
        headers.map((header) => {
          const value = snapshot[header];
          if (value === undefined) return null;
          return header === "Snapshot Date" ? toSerial(String(value)) : value;
        }),
      );
    case "Settings":
      return SETTINGS.map((setting) => {
        const given = data.settings?.[setting.key];
        const value = given === undefined ? setting.initial : setting.kind === "date" ? toSerial(String(given)) : given;
        return [SETTING[setting.key], value, setting.note];
      });
    case "Controls": {
      const statusColumn = headers.indexOf("Status");
      return (schema.seed?.() ?? []).map((row) => {
        const cells: Cell[] = [...row];
        cells[statusColumn] = data.controlStatuses?.[String(row[0])] ?? null;
        return cells;
      });
    }
    default:
      return (schema.seed?.() ?? []).map((row) => [...row]);
  }
}

/**
 * Tables and defined names share one namespace in Excel: a user's name
 * "Controls" keeps the add-in from naming its table so, and a user's table
 * "POAM_ReportDate" from defining that name. Found before anything is
 * planned, so setup stops with a message rather than half done.
 */
function refuseNameClashes(snapshot: WorkbookSnapshot, existingTable: (name: string) => TableInfo | undefined): void {
  for (const schema of TABLES) {
    if (existingTable(schema.name)) continue;
    const clash = snapshot.names.find((name) => sameName(name.name, schema.name));
    if (clash) throw new PoamError("nameTaken", SETUP_MESSAGES.nameClash(clash.name, `the ${schema.name} table`));
  }
  for (const name of definedNames("Summary!$A$1")) {
    if (snapshot.names.some((existing) => sameName(existing.name, name.name))) continue;
    const clash = [...snapshot.tables.map((table) => table.name), ...(snapshot.otherTables ?? [])].find((table) => sameName(table, name.name));
    if (clash) throw new PoamError("nameTaken", SETUP_MESSAGES.nameClash(clash, `the name ${name.name}`));
  }
}

/** Where each of the add-in's sheets is, and which of them the plan creates. */
interface SheetPlacement {
  readonly sheetOf: (key: SheetKey) => string;
  readonly isCreated: (name: string) => boolean;
  readonly created: readonly string[];
}

/**
 * One sheet per sheet key: where its tables already are, else a new one. A
 * blank workbook's only, empty sheet becomes the POA&M sheet rather than
 * staying behind.
 */
function placeSheets(snapshot: WorkbookSnapshot, isNew: boolean, existingTable: (name: string) => TableInfo | undefined, names: SheetNames, ops: PlanOp[]): SheetPlacement {
  const reusable = isNew && snapshot.sheets.length === 1 && snapshot.sheets[0].usedRange === null ? snapshot.sheets[0].name : undefined;
  const sheetFor = new Map<SheetKey, string>();
  const created: string[] = [];
  const summaryName = snapshot.names.find((name) => sameName(name.name, NAME.summary));
  for (const sheet of SHEETS) {
    const hosted = TABLES.filter((table) => table.sheet === sheet.key)
      .map((table) => existingTable(table.name)?.sheet)
      .find((name) => name !== undefined);
    const existing = sheet.key === "summary" ? summaryName?.sheet : hosted;
    if (existing && snapshot.sheets.some((s) => sameName(s.name, existing))) {
      sheetFor.set(sheet.key, existing);
      continue;
    }
    if (reusable && sheet.key === "poam") {
      names.release(reusable);
      const name = names.claim(sheet.name);
      ops.push({ kind: "renameSheet", from: reusable, to: name, tabColor: sheet.tabColor });
      sheetFor.set(sheet.key, name);
      created.push(name);
      continue;
    }
    const name = names.claim(sheet.name);
    ops.push({ kind: "addSheet", sheet: name, tabColor: sheet.tabColor });
    sheetFor.set(sheet.key, name);
    created.push(name);
  }
  return { sheetOf: (key) => sheetFor.get(key) as string, isCreated: (name) => created.includes(name), created };
}

interface PlacedTables {
  readonly tables: readonly ResolvedTable[];
  readonly addedColumns: readonly { readonly table: string; readonly columns: readonly string[] }[];
  readonly addedSettings: readonly string[];
}

/**
 * Creates the missing tables and appends missing columns (and missing
 * settings rows) to the others. A table added to a sheet that already has
 * content goes to the right of it.
 */
function placeTables(snapshot: WorkbookSnapshot, data: InitialData, existingTable: (name: string) => TableInfo | undefined, sheets: SheetPlacement, ops: PlanOp[]): PlacedTables {
  const rightEdge = new Map<string, number>();
  for (const sheet of snapshot.sheets) {
    if (sheet.usedRange) rightEdge.set(sheet.name.toLowerCase(), sheet.usedRange.column + sheet.usedRange.columnCount);
  }
  const tables: ResolvedTable[] = [];
  const addedColumns: { table: string; columns: string[] }[] = [];
  const addedSettings: string[] = [];

  for (const schema of TABLES) {
    const sheet = sheets.sheetOf(schema.sheet);
    const found = existingTable(schema.name);
    if (found) {
      const missing = schema.columns.filter((column) => !found.headers.includes(column.header));
      const headers = [...found.headers, ...missing.map((column) => column.header)];
      if (missing.length > 0) {
        ops.push({ kind: "appendColumns", sheet: found.sheet, table: found.name, range: found.range, columns: missing.map(toColumnSpec) });
        addedColumns.push({ table: found.name, columns: missing.map((column) => column.header) });
      }
      let range: RangeBox = { ...found.range, columnCount: found.range.columnCount + missing.length };
      if (schema.keyed && found.keys) {
        const missingSettings = missingSettingRows(found.keys, headers);
        if (missingSettings.length > 0) {
          ops.push({ kind: "appendRows", sheet: found.sheet, table: found.name, range, rows: missingSettings.map(({ row }) => row) });
          addedSettings.push(...missingSettings.map(({ label }) => label));
          range = { ...range, rowCount: range.rowCount + missingSettings.length };
        }
      }
      tables.push({ schema, sheet: found.sheet, headers, range, created: false, newColumns: missing });
      continue;
    }
    const rows = seedRows(schema, data);
    const edge = sheets.isCreated(sheet) ? undefined : rightEdge.get(sheet.toLowerCase());
    const at = edge === undefined ? schema.at : { row: schema.at.row, column: Math.max(schema.at.column, edge + 1) };
    const bodyRows = rows.length > 0 ? rows : [schema.columns.map(() => null)];
    ops.push({ kind: "createTable", sheet, table: schema.name, at, columns: schema.columns.map(toColumnSpec), rows: bodyRows, style: schema.style });
    const range = { row: at.row, column: at.column, rowCount: bodyRows.length + 1, columnCount: schema.columns.length };
    rightEdge.set(sheet.toLowerCase(), Math.max(rightEdge.get(sheet.toLowerCase()) ?? 0, at.column + schema.columns.length));
    tables.push({ schema, sheet, headers: schema.columns.map((c) => c.header), range, created: true, newColumns: schema.columns });
  }
  return { tables, addedColumns: addedColumns.filter((entry) => !tables.find((t) => t.schema.name === entry.table)?.created), addedSettings };
}

/** The defined names the workbook lacks, once every table they refer to exists. */
function nameOps(snapshot: WorkbookSnapshot, summarySheet: string, ops: PlanOp[]): string[] {
  const added: string[] = [];
  for (const name of definedNames(`${quoteSheet(summarySheet)}!$A$1`)) {
    if (snapshot.names.some((existing) => sameName(existing.name, name.name))) continue;
    ops.push({ kind: "defineName", ...name });
    added.push(name.name);
  }
  return added;
}

/**
 * A workbook set up before the close-out clock names existed has the earlier
 * scoring and close-out rules in its formula columns: those cells are the
 * add-in's own, so they are rewritten with the current rules (a user's own
 * columns and cells stay as they are). Returns the tables rewritten.
 */
function formulaUpgradeOps(tables: readonly ResolvedTable[], ops: PlanOp[]): string[] {
  const updated: string[] = [];
  for (const table of tables) {
    if (table.created) continue;
    const data = dataRows(table.range);
    const stale = table.schema.columns.filter((column) => column.formula && !table.newColumns.includes(column));
    for (const column of stale) {
      const box = columnBox(data, table.headers.indexOf(column.header));
      ops.push({ kind: "setColumnFormula", sheet: table.sheet, table: table.schema.name, column: column.header, range: box, formula: column.formula as string });
    }
    if (stale.length > 0) updated.push(table.schema.name);
  }
  return updated;
}

/** Formulas, widths and header style of new columns (their number formats come with the columns). */
function newColumnOps(tables: readonly ResolvedTable[], ops: PlanOp[]): void {
  for (const table of tables) {
    const data = dataRows(table.range);
    const widths: { column: number; width: number }[] = [];
    for (const column of table.newColumns) {
      const index = table.headers.indexOf(column.header);
      if (column.formula) {
        ops.push({ kind: "setColumnFormula", sheet: table.sheet, table: table.schema.name, column: column.header, range: columnBox(data, index), formula: column.formula });
      }
      widths.push({ column: data.column + index, width: column.width });
    }
    if (widths.length > 0) {
      ops.push({ kind: "setColumnWidths", sheet: table.sheet, widths });
      // New columns are always the table's last ones (all of them for a new table).
      const first = Math.min(...widths.map((w) => w.column));
      const header = { row: table.range.row, column: first, rowCount: 1, columnCount: widths.length };
      ops.push({ kind: "formatRange", sheet: table.sheet, range: header, style: HEADER_STYLE });
    }
    if (table.schema.keyed && table.created) ops.push(...settingCellFormats(table, data));
  }
}

/** Validation of every column that has a rule, re-applied on every run. */
function validationOps(tables: readonly ResolvedTable[], ops: PlanOp[]): void {
  for (const table of tables) {
    const data = dataRows(table.range);
    const refs = a1Refs(table.headers, data);
    for (const column of table.schema.columns) {
      if (!column.validation) continue;
      ops.push({
        kind: "setValidation",
        sheet: table.sheet,
        range: columnBox(data, table.headers.indexOf(column.header)),
        rule: validationSpec(column.validation.rule, refs),
        alert: column.validation.rule.type === "list" && column.validation.rule.warnOnly ? "warning" : "stop",
        message: column.validation.message,
      });
    }
  }
}

/** Removes the add-in's earlier conditional formats (recognised by formula), then adds them for the current ranges. */
function conditionalFormatOps(snapshot: WorkbookSnapshot, tables: readonly ResolvedTable[], ops: PlanOp[]): void {
  const tableOf = (name: string) => tables.find((t) => t.schema.name === name) as ResolvedTable;
  const ourSignatures = new Set(
    CONDITIONAL_FORMATS.map((rule) => {
      const table = tableOf(rule.table);
      return formulaSignature(rule.formula(a1Refs(table.headers, dataRows(table.range))));
    }),
  );
  const stale = new Map<string, string[]>();
  for (const format of snapshot.conditionalFormats) {
    if (!ourSignatures.has(formulaSignature(format.formula))) continue;
    stale.set(format.sheet, [...(stale.get(format.sheet) ?? []), format.id]);
  }
  for (const [sheet, ids] of stale) ops.push({ kind: "deleteConditionalFormats", sheet, ids });
  CONDITIONAL_FORMATS.forEach((rule, rank) => {
    const table = tableOf(rule.table);
    const data = dataRows(table.range);
    ops.push({
      kind: "addConditionalFormat",
      sheet: table.sheet,
      range: rule.appliesTo === "row" ? rowSpan(table, data) : columnBox(data, table.headers.indexOf(rule.appliesTo)),
      formula: rule.formula(a1Refs(table.headers, data)),
      style: rule.style,
      rank,
    });
  });
}

/** The Settings sheet's title and the views (frozen panes, active sheet) of new sheets. */
function newSheetOps(sheets: SheetPlacement, isNew: boolean, ops: PlanOp[]): void {
  const settingsSheet = sheets.sheetOf("settings");
  if (sheets.isCreated(settingsSheet)) {
    ops.push(
      { kind: "writeCells", sheet: settingsSheet, at: { row: 0, column: 0 }, cells: [["POA&M settings"], [SETTINGS_HINT]] },
      { kind: "formatRange", sheet: settingsSheet, range: { row: 0, column: 0, rowCount: 1, columnCount: 1 }, style: TITLE_STYLE },
    );
  }
  for (const sheet of SHEETS) {
    const name = sheets.sheetOf(sheet.key);
    if (!sheets.isCreated(name) || sheet.key === "summary" || sheet.key === "settings") continue;
    ops.push({ kind: "freezePanes", sheet: name, rows: 1, columns: sheet.key === "poam" ? 1 : 0 });
  }
  if (isNew) ops.push({ kind: "activateSheet", sheet: sheets.sheetOf("poam") });
}

/**
 * The plan that makes `snapshot`'s workbook a complete POA&M. `data` fills
 * tables the plan creates (a demo, or a migration); it is ignored for tables
 * that already exist. The ops come in the order they must be applied:
 * sheets, tables, names, formulas and formats, validation, conditional
 * formats, the Summary and the views of new sheets.
 */
export function planSetup(snapshot: WorkbookSnapshot, data: InitialData = {}): SetupPlan {
  const ops: PlanOp[] = [];
  const existingTable = (name: string): TableInfo | undefined => snapshot.tables.find((table) => sameName(table.name, name));
  refuseNameClashes(snapshot, existingTable);
  const isNew = !TABLES.some((schema) => existingTable(schema.name));
  const names = new SheetNames(snapshot.sheets.map((sheet) => sheet.name));

  const sheets = placeSheets(snapshot, isNew, existingTable, names, ops);
  const { tables, addedColumns, addedSettings } = placeTables(snapshot, data, existingTable, sheets, ops);
  const summarySheet = sheets.sheetOf("summary");
  const addedNames = nameOps(snapshot, summarySheet, ops);
  const predatesRules = !isNew && !snapshot.names.some((existing) => sameName(existing.name, NAME.closeoutDeadline));
  const updatedFormulas = predatesRules ? formulaUpgradeOps(tables, ops) : [];
  newColumnOps(tables, ops);
  validationOps(tables, ops);
  conditionalFormatOps(snapshot, tables, ops);
  // The Summary's live section when the sheet is new; its readiness rows when they predate the current rules.
  if (sheets.isCreated(summarySheet)) ops.push(...summaryOps(summarySheet));
  else if (predatesRules) {
    ops.push(readinessOp(summarySheet));
    updatedFormulas.push(summarySheet);
  }
  newSheetOps(sheets, isNew, ops);

  return {
    ops,
    changes: {
      isNew,
      createdSheets: sheets.created,
      createdTables: tables.filter((table) => table.created).map((table) => table.schema.name),
      addedColumns,
      addedSettings,
      addedNames,
      renamedForCollision: names.renamed,
      ...(updatedFormulas.length > 0 && { updatedFormulas }),
    },
  };
}

function toColumnSpec(column: ColumnSchema): ColumnSpec {
  return column.numberFormat ? { header: column.header, numberFormat: column.numberFormat } : { header: column.header };
}

/** The table's columns that the add-in owns, across each data row; a user's own columns are left unformatted. */
function rowSpan(table: ResolvedTable, data: RangeBox): RangeBox {
  const ours = table.schema.columns.map((column) => table.headers.indexOf(column.header));
  const first = Math.min(...ours);
  const last = Math.max(...ours);
  return { ...data, column: data.column + first, columnCount: last - first + 1 };
}

/** Rows for the settings a Settings table lacks, matched by label ignoring case. */
function missingSettingRows(keys: readonly string[], headers: readonly string[]): { label: string; row: Cell[] }[] {
  const present = new Set(keys.map((key) => key.trim().toLowerCase()));
  return SETTINGS.filter((setting) => !present.has(SETTING[setting.key].toLowerCase())).map((setting) => {
    const row: Cell[] = headers.map(() => null);
    row[headers.indexOf("Setting")] = SETTING[setting.key];
    row[headers.indexOf("Value")] = setting.initial;
    row[headers.indexOf("Notes")] = setting.note;
    return { label: SETTING[setting.key], row };
  });
}

/** Date formats and validation for the individual cells of the Settings table's Value column. */
function settingCellFormats(table: ResolvedTable, data: RangeBox): PlanOp[] {
  const valueColumn = data.column + table.headers.indexOf("Value");
  return SETTINGS.flatMap((setting, index): PlanOp[] => {
    const cell: RangeBox = { row: data.row + index, column: valueColumn, rowCount: 1, columnCount: 1 };
    if (setting.kind === "date") {
      return [
        { kind: "formatRange", sheet: table.sheet, range: cell, numberFormat: DATE_FORMAT },
        {
          kind: "setValidation",
          sheet: table.sheet,
          range: cell,
          rule: { type: "date", operator: "greaterThan", formula1: "1" },
          alert: "stop",
          message: `${SETTING[setting.key]} is a date, or empty.`,
        },
      ];
    }
    if (setting.kind === "days") {
      return [
        { kind: "formatRange", sheet: table.sheet, range: cell, numberFormat: "0" },
        {
          kind: "setValidation",
          sheet: table.sheet,
          range: cell,
          rule: { type: "whole", operator: "between", formula1: "1", formula2: "3650" },
          alert: "stop",
          message: `${SETTING[setting.key]} is a whole number of days.`,
        },
      ];
    }
    return [{ kind: "formatRange", sheet: table.sheet, range: cell, numberFormat: "@" }];
  });
}

function summaryOps(sheet: string): PlanOp[] {
  const layout = summaryLayout();
  return [
    { kind: "writeCells", sheet, at: { row: 0, column: 0 }, cells: layout.cells },
    ...layout.formats.map(
      (format): PlanOp => ({ kind: "formatRange", sheet, range: format.range, numberFormat: format.numberFormat, style: format.style }),
    ),
    { kind: "setColumnWidths", sheet, widths: layout.widths },
  ];
}

/** The Summary's SPRS and readiness section, rewritten in place: the same rows and columns as before, so nothing below moves. */
function readinessOp(sheet: string): PlanOp {
  const area = SUMMARY_AREAS.readiness;
  const cells = summaryLayout()
    .cells.slice(area.row, area.row + area.rowCount)
    .map((row) => Array.from({ length: area.columnCount }, (_, column) => row[column] ?? null));
  return { kind: "writeCells", sheet, at: { row: area.row, column: area.column }, cells };
}
