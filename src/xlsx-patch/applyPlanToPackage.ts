/**
 * The third executor of a workbook plan: applies it to an existing workbook
 * file at the package level, for the `poam` commands that change a user's
 * file. Each op patches the few parts it must (the sheet, table, styles or
 * drawing parts it names); every other part keeps its stored bytes. What the
 * add-in does through Office.js (src/excel/applyPlan.ts) this does in the
 * file format, so the same plan leaves the same workbook.
 *
 * One difference, on purpose: `activateSheet` is left out. Which sheet is
 * selected is stored in every sheet's part (`tabSelected`), so choosing one
 * would change the user's own sheets; the file opens where the user left it.
 */
import { cellAddress, parseRange, type RangeBox } from "../domain/core/a1";
import { PoamError } from "../domain/core/errors";
import { isLink, type ChartSpec, type PlanOp, type WorkbookPlan } from "../domain/workbook/plan";
import type { PendingChart } from "../xlsx/applyPlanToWorkbook";
import { appendTableRows } from "./appendRows";
import { withLinks, type InternalLink } from "./hyperlinks";
import { addChartsToSheet, removeCharts } from "./packageCharts";
import { tableParts, type TablePart } from "./packageTables";
import { calculateOnLoad } from "./patchWorkbook";
import { SheetCells } from "./sheetCells";
import { addConditionalFormat, deleteConditionalFormats, freezePanes, setColumnWidths, setValidation } from "./sheetRules";
import { StyleSheet, type CellFormat } from "./styleSheet";
import { appendColumns, createTable, setCalculatedColumn, withTablePart } from "./tableEdits";
import { addSheet, defineName, renameSheet } from "./workbookEdits";
import { WorkbookPackage } from "./workbookPackage";

interface PendingLinks {
  removed: RangeBox[];
  added: InternalLink[];
}

const within = (cell: RangeBox, range: RangeBox) =>
  cell.row >= range.row && cell.row < range.row + range.rowCount && cell.column >= range.column && cell.column < range.column + range.columnCount;

class PackageEditor {
  private readonly cells = new Map<string, SheetCells>();
  private readonly links = new Map<string, PendingLinks>();
  private readonly charts: PendingChart[] = [];
  /** Whether a cell that held a formula was cleared or given a value. */
  private formulasRemoved = false;

  constructor(
    readonly pkg: WorkbookPackage,
    readonly styles: StyleSheet,
  ) {}

  /** Sheet parts being edited without their rows: the part's text with an empty sheetData, and the rows. */
  private readonly shells = new Map<string, { shell: string; rows: string }>();

  /** The cells of a sheet part, kept until another edit needs the part's text. */
  async cellsOf(path: string): Promise<SheetCells> {
    let cells = this.cells.get(path);
    if (!cells) {
      cells = new SheetCells(this.joined(path) ?? (await this.pkg.read(path)));
      this.cells.set(path, cells);
    }
    return cells;
  }

  /** The whole text of a sheet edited without its rows, written back; undefined when it is not. */
  private joined(path: string): string | undefined {
    const split = this.shells.get(path);
    if (!split) return undefined;
    this.shells.delete(path);
    const at = split.shell.indexOf("</sheetData>");
    if (at < 0) throw new Error("An edit of the sheet's rules removed its cell data");
    const xml = split.shell.slice(0, at) + split.rows + split.shell.slice(at);
    this.pkg.write(path, xml);
    return xml;
  }

  /** A sheet part's text with every pending cell and link change in it. */
  async sheetText(path: string): Promise<string> {
    const cells = this.cells.get(path);
    const links = this.links.get(path);
    this.cells.delete(path);
    this.links.delete(path);
    if (cells?.formulasRemoved) this.formulasRemoved = true;
    const stored = this.joined(path) ?? (await this.pkg.read(path));
    let xml = cells ? cells.toXml() : stored;
    if (links) xml = withLinks(xml, links.removed, links.added);
    // A part that was only looked at (a chart's categories, the cells where a table would go) keeps its bytes.
    if (xml !== stored) this.pkg.write(path, xml);
    return xml;
  }

  /**
   * Runs `edit` on a sheet part's text and stores the result. The edits
   * that come here (rules, widths, panes, table parts) never touch cells, so
   * they see the part with its rows left out and the rows go back after: a
   * large sheet's megabytes are not searched and copied once per edit, and
   * consecutive edits of one sheet share the split.
   */
  async editSheet(path: string, edit: (xml: string) => string | Promise<string>): Promise<void> {
    const split = this.shells.get(path);
    if (split) {
      split.shell = await edit(split.shell);
      return;
    }
    const xml = await this.sheetText(path);
    const open = /<sheetData\b[^>]*>/.exec(xml);
    const close = open && !open[0].endsWith("/>") ? xml.indexOf("</sheetData>", open.index) : -1;
    if (!open || close < 0) {
      this.pkg.write(path, await edit(xml));
      return;
    }
    const end = open.index + open[0].length;
    this.shells.set(path, { shell: await edit(xml.slice(0, end) + xml.slice(close)), rows: xml.slice(end, close) });
  }

  linksOf(path: string): PendingLinks {
    let links = this.links.get(path);
    if (!links) {
      links = { removed: [], added: [] };
      this.links.set(path, links);
    }
    return links;
  }

  async format(path: string, range: RangeBox, format: CellFormat): Promise<void> {
    const cells = await this.cellsOf(path);
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      for (let c = range.column; c < range.column + range.columnCount; c++) {
        const current = cells.styleAt(r, c);
        const style = this.styles.cellStyle(current, format);
        // A format the cell has already leaves it alone (an empty cell gets no element of its own).
        if (style !== (current ?? "0")) cells.setStyle(r, c, style);
      }
    }
  }

  /** The table parts found so far; a table created since is found by reading the package again. */
  private tables: TablePart[] = [];

  async table(name: string): Promise<TablePart> {
    const named = (table: TablePart) => table.name.toLowerCase() === name.toLowerCase();
    let part = this.tables.find(named);
    if (!part) {
      // The package's sheets must list every table part first.
      for (const path of [...this.shells.keys()]) this.joined(path);
      this.tables = await tableParts(this.pkg.zip);
      part = this.tables.find(named);
    }
    if (!part) throw new PoamError("invalidInput", `The workbook has no table ${name}.`);
    return part;
  }

  addChart(sheet: string, chart: ChartSpec): void {
    this.charts.push({ sheet, chart });
  }

  /** The number format of a chart's category cells when they all hold numbers, as the ExcelJS executor decides it. */
  private async categoryFormat(chart: ChartSpec): Promise<string | undefined> {
    const cells = await this.cellsOf(await this.pkg.sheetPath(chart.categories.sheet));
    const { range } = chart.categories;
    let format: string | undefined;
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      const element = cells.element(r, range.column);
      if (element === undefined || !/<v>/.test(element)) continue;
      if (/\st="(?!n")/.test(element)) return undefined;
      format ??= this.styles.numberFormatCode(cells.styleAt(r, range.column));
    }
    return format;
  }

  async finish(original: Uint8Array): Promise<Uint8Array> {
    const pending: PendingChart[] = [];
    for (const pendingChart of this.charts) pending.push({ ...pendingChart, categoryFormat: await this.categoryFormat(pendingChart.chart) });
    for (const path of [...new Set([...this.cells.keys(), ...this.links.keys(), ...this.shells.keys()])]) await this.sheetText(path);
    for (const sheet of new Set(pending.map((chart) => chart.sheet))) {
      await addChartsToSheet(this.pkg.zip, await this.pkg.sheetPath(sheet), pending.filter((chart) => chart.sheet === sheet));
      this.pkg.touch();
    }
    if (this.formulasRemoved) await this.pkg.removeCalcChain();
    if (this.styles.changed) this.pkg.write("xl/styles.xml", this.styles.toXml());
    if (!this.pkg.changed) return original;
    this.pkg.write("xl/workbook.xml", calculateOnLoad(await this.pkg.read("xl/workbook.xml")));
    return this.pkg.save(original);
  }
}

async function applyOp(editor: PackageEditor, op: PlanOp): Promise<void> {
  const { pkg } = editor;
  switch (op.kind) {
    case "renameSheet":
      await editor.sheetText(await pkg.sheetPath(op.from));
      await renameSheet(pkg, op.from, op.to, op.tabColor);
      return;
    case "addSheet":
      await addSheet(pkg, op.sheet, op.tabColor);
      return;
    case "createTable": {
      const path = await pkg.sheetPath(op.sheet);
      const cells = await editor.cellsOf(path);
      const created = await createTable(pkg, cells, {
        sheetPath: path,
        name: op.table,
        at: op.at,
        headers: op.columns.map((column) => column.header),
        rows: op.rows,
        style: op.style,
      });
      await editor.editSheet(path, (xml) => withTablePart(xml, created.rId));
      for (const [index, column] of op.columns.entries()) {
        if (column.numberFormat) await editor.format(path, { ...created.data, column: created.data.column + index, columnCount: 1 }, { numberFormat: column.numberFormat });
      }
      return;
    }
    case "appendColumns": {
      const part = await editor.table(op.table);
      const cells = await editor.cellsOf(part.sheetPath);
      const grown = appendColumns(await pkg.read(part.tablePath), cells, op.columns.map((column) => column.header), part.name);
      pkg.write(part.tablePath, grown.tableXml);
      for (const [index, column] of op.columns.entries()) {
        const data = { row: grown.added.row + 1, column: grown.added.column + index, rowCount: grown.added.rowCount - 1, columnCount: 1 };
        if (column.numberFormat && data.rowCount > 0) await editor.format(part.sheetPath, data, { numberFormat: column.numberFormat });
      }
      return;
    }
    case "appendRows": {
      const part = await editor.table(op.table);
      const sheetXml = await editor.sheetText(part.sheetPath);
      const patched = appendTableRows({ tableXml: await pkg.read(part.tablePath), sheetXml, rows: op.rows, tableName: part.name, sheetName: part.sheetName });
      pkg.write(part.tablePath, patched.tableXml);
      pkg.write(part.sheetPath, patched.sheetXml);
      return;
    }
    case "setColumnFormula": {
      const part = await editor.table(op.table);
      pkg.write(part.tablePath, setCalculatedColumn(await pkg.read(part.tablePath), op.column, op.formula, part.name));
      const cells = await editor.cellsOf(part.sheetPath);
      const formula = op.formula.replace(/^=/, "");
      for (let r = op.range.row; r < op.range.row + op.range.rowCount; r++) cells.setFormula(r, op.range.column, formula);
      return;
    }
    case "writeCells": {
      const path = await pkg.sheetPath(op.sheet);
      const cells = await editor.cellsOf(path);
      const links = editor.linksOf(path);
      op.cells.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value === null) return;
          const at = { row: op.at.row + r, column: op.at.column + c };
          cells.setValue(at.row, at.column, value);
          if (!isLink(value)) return;
          // A cell has one link: one written earlier in the plan gives way (withLinks replaces those in the file).
          const address = cellAddress(at);
          links.added = links.added.filter((link) => link.address !== address);
          links.added.push({ address, location: value.location, display: value.text });
        }),
      );
      return;
    }
    case "formatRange":
      await editor.format(await pkg.sheetPath(op.sheet), op.range, { numberFormat: op.numberFormat, style: op.style });
      return;
    case "setColumnWidths":
      await editor.editSheet(await pkg.sheetPath(op.sheet), (xml) => setColumnWidths(xml, op.widths));
      return;
    case "setValidation":
      await editor.editSheet(await pkg.sheetPath(op.sheet), (xml) => setValidation(xml, op.range, op.rule, op.alert, op.message));
      return;
    case "deleteConditionalFormats":
      await editor.editSheet(await pkg.sheetPath(op.sheet), (xml) => deleteConditionalFormats(xml, op.ids));
      return;
    case "addConditionalFormat": {
      const dxfId = editor.styles.differentialStyle(op.style);
      await editor.editSheet(await pkg.sheetPath(op.sheet), (xml) => addConditionalFormat(xml, op.range, op.formula, dxfId, op.rank));
      return;
    }
    case "defineName":
      await defineName(pkg, op.name, op.formula, op.comment);
      return;
    case "clearRange": {
      const path = await pkg.sheetPath(op.sheet);
      (await editor.cellsOf(path)).clear(op.range);
      const links = editor.linksOf(path);
      links.removed.push(op.range);
      links.added = links.added.filter((link) => !within(parseRange(link.address), op.range));
      return;
    }
    case "removeCharts": {
      const path = await pkg.sheetPath(op.sheet);
      await editor.sheetText(path);
      if ((await removeCharts(pkg.zip, path, op.names)).length > 0) pkg.touch();
      return;
    }
    case "addChart":
      await pkg.sheetPath(op.sheet);
      editor.addChart(op.sheet, op.chart);
      return;
    case "freezePanes":
      await editor.editSheet(await pkg.sheetPath(op.sheet), (xml) => freezePanes(xml, op.rows, op.columns));
      return;
    case "activateSheet":
      return;
  }
}

/** `bytes` (an .xlsx package) with `plan` applied; the same bytes when the plan changes nothing. */
export async function applyPlanToPackage(bytes: Uint8Array, plan: WorkbookPlan): Promise<Uint8Array> {
  const pkg = await WorkbookPackage.load(bytes);
  const editor = new PackageEditor(pkg, new StyleSheet(await pkg.read("xl/styles.xml")));
  for (const op of plan.ops) await applyOp(editor, op);
  return editor.finish(bytes);
}
