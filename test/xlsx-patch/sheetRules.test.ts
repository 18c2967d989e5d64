/**
 * Validation, conditional formats, column widths and frozen panes patched
 * into a worksheet part as text: the elements land where CT_Worksheet wants
 * them, the rest of the part keeps its bytes, and ExcelJS and LibreOffice
 * read back what the plan ops mean.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { RangeBox } from "../../src/domain/core/a1";
import type { ValidationSpec } from "../../src/domain/workbook/plan";
import {
  addConditionalFormat,
  conditionalFormatsOf,
  deleteConditionalFormats,
  freezePanes,
  setColumnWidths,
  setValidation,
  sqrefWithout,
  subtractRange,
} from "../../src/xlsx-patch/sheetRules";
import { worksheetChildren } from "../../src/xlsx-patch/worksheetElements";
import { convertWithLibreOffice, SOFFICE } from "../support/libreoffice";

jest.setTimeout(120_000);

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"';
const XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';
const sheet = (before: string, after: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${before}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &lt; b</t></is></c></row></sheetData>${after}</worksheet>`;
const box = (row: number, column: number, rowCount: number, columnCount: number): RangeBox => ({ row, column, rowCount, columnCount });
/** The local names of the worksheet's children, in order. */
const childNames = (xml: string) => worksheetChildren(xml).children.map((child) => child.name);
const count = (xml: string, text: string) => xml.split(text).length - 1;

describe("setValidation", () => {
  const A2_A10 = box(1, 0, 9, 1);

  it.each<[string, ValidationSpec, string, string]>([
    ["a named list", { type: "list", source: "=POAM_Priorities" }, 'type="list"', "<formula1>POAM_Priorities</formula1>"],
    ["a literal list", { type: "list", source: "Yes,No" }, 'type="list"', "<formula1>&quot;Yes,No&quot;</formula1>"],
    ["a quoted literal list", { type: "list", source: '"Yes,No"' }, 'type="list"', "<formula1>&quot;Yes,No&quot;</formula1>"],
    ["a decimal range", { type: "decimal", operator: "between", formula1: "0", formula2: "10.0" }, 'type="decimal" operator="between"', "<formula1>0</formula1><formula2>10</formula2>"],
    ["a whole floor", { type: "whole", operator: "greaterThanOrEqual", formula1: "1" }, 'type="whole" operator="greaterThanOrEqual"', "<formula1>1</formula1>"],
    ["a date up to today", { type: "date", operator: "lessThanOrEqual", formula1: "=TODAY()" }, 'type="date" operator="lessThanOrEqual"', "<formula1>TODAY()</formula1>"],
    ["a date after a serial", { type: "date", operator: "greaterThan", formula1: "1" }, 'type="date" operator="greaterThan"', "<formula1>1</formula1>"],
    ["a date after an ISO date", { type: "date", operator: "greaterThan", formula1: "2026-11-23" }, 'type="date" operator="greaterThan"', "<formula1>46349</formula1>"],
    ["a text length", { type: "textLength", operator: "lessThanOrEqual", formula1: "32767" }, 'type="textLength" operator="lessThanOrEqual"', "<formula1>32767</formula1>"],
    ["a custom formula", { type: "custom", formula: 'COUNTIF($A:$A,$A2)=1&"<x>"' }, 'type="custom"', "<formula1>COUNTIF($A:$A,$A2)=1&amp;&quot;&lt;x&gt;&quot;</formula1>"],
  ])("writes %s as the file format has it", (_, rule, kind, formulas) => {
    expect(setValidation(sheet("", ""), A2_A10, rule, "stop", "No.")).toContain(
      `<dataValidations count="1"><dataValidation ${kind} allowBlank="1" showErrorMessage="1" errorStyle="stop" errorTitle="POA&amp;M Workbench" error="No." sqref="A2:A10">${formulas}</dataValidation></dataValidations>`,
    );
  });

  it("puts <dataValidations> after the conditional formats and before the hyperlinks and page setup, leaving the rest as it was", () => {
    const before = "<dimension ref=\"A1\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>";
    const after = '<conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting><hyperlinks><hyperlink ref="A1" location="B2"/></hyperlinks><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    const original = sheet(before, after);
    const xml = setValidation(original, A2_A10, { type: "list", source: "Yes,No" }, "warning", "Yes or No.");
    expect(childNames(xml)).toEqual(["dimension", "sheetViews", "sheetData", "conditionalFormatting", "dataValidations", "hyperlinks", "pageMargins"]);
    const element = /<dataValidations[\s\S]*<\/dataValidations>/.exec(xml)![0];
    expect(xml.replace(element, "")).toBe(original);
    expect(element).toContain('errorStyle="warning"');
  });

  it("adds to the existing <dataValidations> and keeps its count", () => {
    const rules = '<dataValidations disablePrompts="1" count="1"><dataValidation type="whole" sqref="D1:D5"><formula1>1</formula1></dataValidation></dataValidations>';
    const xml = setValidation(sheet("", rules), A2_A10, { type: "list", source: "=Names" }, "stop", "Pick one.");
    expect(xml).toContain('<dataValidations disablePrompts="1" count="2"><dataValidation type="whole" sqref="D1:D5"><formula1>1</formula1></dataValidation><dataValidation type="list"');
    expect(count(xml, "<dataValidations")).toBe(1);
  });

  it("escapes the message, keeps its line breaks, and refuses one longer than Excel takes", () => {
    const xml = setValidation(sheet("", ""), A2_A10, { type: "list", source: "Yes,No" }, "stop", 'Say "yes" <or> no\n& nothing else');
    expect(xml).toContain('error="Say &quot;yes&quot; &lt;or&gt; no&#10;&amp; nothing else"');
    expect(() => setValidation(sheet("", ""), A2_A10, { type: "list", source: "Yes,No" }, "stop", "x".repeat(225))).not.toThrow();
    expect(() => setValidation(sheet("", ""), A2_A10, { type: "list", source: "Yes,No" }, "stop", "x".repeat(226))).toThrow(/at most 225 characters.*has 226/);
  });

  it("refuses rules the file cannot hold", () => {
    expect(() => setValidation(sheet("", ""), A2_A10, { type: "list", source: "x".repeat(256) }, "stop", "")).toThrow(/at most 255/);
    expect(() => setValidation(sheet("", ""), A2_A10, { type: "whole", operator: "between", formula1: "1" }, "stop", "")).toThrow(/needs a number/);
    expect(() => setValidation(sheet("", ""), box(0, 0, 0, 1), { type: "custom", formula: "TRUE" }, "stop", "")).toThrow(/Not a range/);
  });

  it("takes the range's cells from the rules that covered them, splitting what lies partly inside", () => {
    const kept = '<dataValidation type="list" sqref="F1:F9"><formula1>"a"</formula1></dataValidation>';
    const rules =
      '<dataValidations count="4">' +
      '<dataValidation type="list" allowBlank="1" sqref="A1:A20 C5"><formula1>"a,b"</formula1></dataValidation>' +
      `<dataValidation type="whole" error='a > b' sqref="A3 A4:A6"><formula1>1</formula1></dataValidation>` +
      kept +
      '<dataValidation type="custom" sqref="B:B"><formula1>TRUE</formula1></dataValidation>' +
      "</dataValidations>";
    const xml = setValidation(sheet("", rules), box(2, 0, 5, 2), { type: "list", source: "Yes,No" }, "stop", "");
    expect(xml).toContain('<dataValidation type="list" allowBlank="1" sqref="A1:A2 A8:A20 C5"><formula1>"a,b"</formula1></dataValidation>');
    expect(xml).not.toContain("a &gt; b");
    expect(xml).not.toContain("a > b");
    expect(xml).toContain(kept);
    expect(xml).toContain('<dataValidation type="custom" sqref="B1:B2 B8:B1048576"><formula1>TRUE</formula1></dataValidation>');
    expect(xml).toContain('<dataValidations count="4">');
    expect(xml).toMatch(/sqref="A3:B7"><formula1>&quot;Yes,No&quot;<\/formula1><\/dataValidation><\/dataValidations>/);
  });

  it("removes <dataValidations> it empties only to write the new rule in it", () => {
    const rules = '<dataValidations count="1"><dataValidation type="whole" sqref="A2:A10"><formula1>1</formula1></dataValidation></dataValidations>';
    const xml = setValidation(sheet("", rules), A2_A10, { type: "whole", operator: "greaterThanOrEqual", formula1: "0" }, "stop", "");
    expect(count(xml, "<dataValidation ")).toBe(1);
    expect(xml).toContain('<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual"');
  });

  it("takes the cells from the x14 rules Excel keeps in extLst, leaving the rest of the extension alone", () => {
    const sparklines = `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" ${X14}><x14:sparklineGroups ${XM}><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>Data!A1:A9</xm:f><xm:sqref>J1</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>`;
    const rule = (sqref: string) => `<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>${sqref}</xm:sqref></x14:dataValidation>`;
    const validations = (rules: string[]) => `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" ${X14}><x14:dataValidations count="${rules.length}" ${XM}>${rules.join("")}</x14:dataValidations></ext>`;

    const both = setValidation(sheet("", `<extLst>${validations([rule("A1:A5"), rule("A3:A4")])}${sparklines}</extLst>`), box(2, 0, 3, 1), { type: "list", source: "Yes,No" }, "stop", "");
    expect(both).toContain(`<extLst>${validations([rule("A1:A2")])}${sparklines}</extLst>`);

    const only = setValidation(sheet("", `<extLst>${validations([rule("A3:A4")])}${sparklines}</extLst>`), box(2, 0, 3, 1), { type: "list", source: "Yes,No" }, "stop", "");
    expect(only).toContain(`<extLst>${sparklines}</extLst>`);

    const alone = setValidation(sheet("", `<extLst>${validations([rule("A3:A4")])}</extLst>`), box(2, 0, 3, 1), { type: "list", source: "Yes,No" }, "stop", "");
    expect(alone).not.toContain("extLst");
    expect(childNames(alone)).toEqual(["sheetData", "dataValidations"]);
  });

  it.each([
    ["B2:D4", box(2, 2, 1, 1), "B2:D2 B3 D3 B4:D4"],
    ["A1:A20 C5", box(2, 0, 5, 2), "A1:A2 A8:A20 C5"],
    ["A:C", box(0, 1, 1048576, 1), "A1:A1048576 C1:C1048576"],
    ["3:3", box(2, 0, 1, 1), "B3:XFD3"],
    ["C5:E9", box(0, 0, 4, 9), undefined],
    ["E7", box(6, 4, 1, 1), ""],
  ])("takes from %s the cells of a range", (sqref, cut, left) => {
    expect(sqrefWithout(sqref, cut)).toBe(left);
  });

  it("cuts a rectangle into the rectangles around a hole", () => {
    const pieces = subtractRange(box(0, 0, 5, 5), box(1, 1, 2, 2));
    expect(pieces).toEqual([box(0, 0, 1, 5), box(1, 0, 2, 1), box(1, 3, 2, 2), box(3, 0, 2, 5)]);
    expect(pieces.reduce((cells, piece) => cells + piece.rowCount * piece.columnCount, 0)).toBe(25 - 4);
  });
});

describe("conditional formats", () => {
  const rules =
    '<conditionalFormatting sqref="A2:A9"><cfRule type="colorScale" priority="3"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FF63BE7B"/></colorScale></cfRule>' +
    '<cfRule type="expression" dxfId="0" priority="1"><formula>$A2&gt;&quot;x&quot;</formula></cfRule></conditionalFormatting>' +
    '<conditionalFormatting sqref="B2:B9 D2:D9"><cfRule type="expression" dxfId="1" priority="2" stopIfTrue="1"><formula>AND($B2&lt;&gt;"",$B2&lt;TODAY())</formula></cfRule></conditionalFormatting>';
  const dataBar = (priority: string) =>
    `<conditionalFormatting sqref="C2:C9"><cfRule type="dataBar" priority="${priority}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>` +
    `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" ${X14}><x14:id>{11111111-2222-3333-4444-555555555555}</x14:id></ext></extLst></cfRule></conditionalFormatting>`;
  const x14Rules = (priority: string) =>
    `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" ${X14}><x14:conditionalFormattings>` +
    `<x14:conditionalFormatting ${XM}><x14:cfRule type="dataBar" id="{11111111-2222-3333-4444-555555555555}"><x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>C2:C9</xm:sqref></x14:conditionalFormatting>` +
    `<x14:conditionalFormatting ${XM}><x14:cfRule type="expression" priority="${priority}" id="{66666666-2222-3333-4444-555555555555}"><xm:f>Lists!$A$1=1</xm:f></x14:cfRule><xm:sqref>E2:E9</xm:sqref></x14:conditionalFormatting>` +
    "</x14:conditionalFormattings></ext></extLst>";

  it("lists the custom-formula rules with ids counting every rule in document order, formulas decoded", () => {
    expect(conditionalFormatsOf(sheet("", rules + dataBar("4") + x14Rules("5")))).toEqual([
      { id: "2", formula: '$A2>"x"', sqref: "A2:A9" },
      { id: "3", formula: 'AND($B2<>"",$B2<TODAY())', sqref: "B2:B9 D2:D9" },
    ]);
    expect(conditionalFormatsOf(sheet("", ""))).toEqual([]);
  });

  it("deletes rules by id, and a conditionalFormatting left with none, leaving the rest as it was", () => {
    const original = sheet("", rules + '<dataValidations count="1"><dataValidation type="list" sqref="A2"><formula1>"a"</formula1></dataValidation></dataValidations>');
    const xml = deleteConditionalFormats(original, ["2", "3"]);
    expect(xml).toBe(original.replace('<cfRule type="expression" dxfId="0" priority="1"><formula>$A2&gt;&quot;x&quot;</formula></cfRule>', "").replace(/<conditionalFormatting sqref="B2:B9 D2:D9">.*?<\/conditionalFormatting>/, ""));
    expect(conditionalFormatsOf(xml)).toEqual([]);
    expect(xml).toContain('<cfRule type="colorScale" priority="3">');
    expect(deleteConditionalFormats(original, [])).toBe(original);
  });

  it("deletes a rule's x14 extension with it", () => {
    const xml = deleteConditionalFormats(sheet("", rules + dataBar("4") + x14Rules("5")), ["4"]);
    expect(xml).not.toContain("dataBar");
    expect(xml).toContain("<x14:conditionalFormattings><x14:conditionalFormatting");
    expect(xml).toContain("Lists!$A$1=1");
    const all = deleteConditionalFormats(sheet("", dataBar("1") + x14Rules("2").replace(/<x14:conditionalFormatting [^>]*><x14:cfRule type="expression"[\s\S]*?<\/x14:conditionalFormatting>/, "")), ["1"]);
    expect(all).not.toContain("conditionalFormatting");
    expect(all).not.toContain("extLst");
  });

  it("refuses an id the sheet has no rule for", () => {
    expect(() => deleteConditionalFormats(sheet("", rules), ["2", "9"])).toThrow(/no conditional format 9/);
  });

  it("adds a rule in a conditionalFormatting of its own, before the sheet's (which it outranks), its formula escaped", () => {
    const original = sheet("", rules + '<dataValidations count="1"><dataValidation type="list" sqref="A2"><formula1>"a"</formula1></dataValidation></dataValidations><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    const xml = addConditionalFormat(original, box(1, 0, 40, 38), 'AND($K2<>"Closed",$L2<TODAY())', 7, 0);
    expect(childNames(xml)).toEqual(["sheetData", "conditionalFormatting", "conditionalFormatting", "conditionalFormatting", "dataValidations", "pageMargins"]);
    expect(xml).toContain(
      '</sheetData><conditionalFormatting sqref="A2:AL41"><cfRule type="expression" dxfId="7" priority="1000000"><formula>AND($K2&lt;&gt;&quot;Closed&quot;,$L2&lt;TODAY())</formula></cfRule></conditionalFormatting><conditionalFormatting sqref="A2:A9">',
    );
    expect(conditionalFormatsOf(xml)[0]).toEqual({ id: "1", formula: 'AND($K2<>"Closed",$L2<TODAY())', sqref: "A2:AL41" });
    // The sheet's own rules only move up, past the band of the add-in's.
    expect(xml.replace(/<conditionalFormatting sqref="A2:AL41">.*?<\/conditionalFormatting>/, "")).toBe(
      original.replace('priority="3"', 'priority="2000003"').replace('priority="1"', 'priority="2000001"').replace('priority="2"', 'priority="2000002"'),
    );
  });

  it("puts the first rule of a sheet where CT_Worksheet orders conditional formats", () => {
    const xml = addConditionalFormat(sheet("", '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><hyperlinks><hyperlink ref="A1" location="B2"/></hyperlinks>'), box(1, 0, 9, 1), "TRUE", 0, 0);
    expect(childNames(xml)).toEqual(["sheetData", "mergeCells", "conditionalFormatting", "hyperlinks"]);
  });

  /** The formulas of the sheet's rules, main and x14, in the order Excel evaluates them; the priorities must be unique. */
  function evaluationOrder(xml: string): string[] {
    const found = [...xml.matchAll(/<(?:x14:)?cfRule\s[^>]*?priority="(\d+)"[^>]*>[\s\S]*?<(?:formula|xm:f|colorScale|dataBar)>?([^<]*)/g)].map((m) => ({ priority: Number(m[1]), text: m[2] || "(scale)" }));
    expect(new Set(found.map((rule) => rule.priority)).size).toBe(found.length);
    return found.sort((a, b) => a.priority - b.priority).map((rule) => rule.text);
  }

  it("orders the rules it adds by rank, in whatever order they come, above the sheet's own", () => {
    let xml = sheet("", rules + dataBar("4") + x14Rules("5"));
    expect(evaluationOrder(xml)).toEqual(["$A2&gt;&quot;x&quot;", 'AND($B2&lt;&gt;"",$B2&lt;TODAY())', "(scale)", "(scale)", "Lists!$A$1=1"]);
    for (const rank of [3, 0, 2, 1]) xml = addConditionalFormat(xml, box(1, 0, 8, 1), `rank${rank}`, rank, rank);
    expect(evaluationOrder(xml)).toEqual(["rank0", "rank1", "rank2", "rank3", "$A2&gt;&quot;x&quot;", 'AND($B2&lt;&gt;"",$B2&lt;TODAY())', "(scale)", "(scale)", "Lists!$A$1=1"]);
    // In document order too, for LibreOffice.
    expect(conditionalFormatsOf(xml).map((rule) => rule.formula)).toEqual(["rank0", "rank1", "rank2", "rank3", '$A2>"x"', 'AND($B2<>"",$B2<TODAY())']);
    // Nothing the add-in did not write is renumbered twice.
    expect(addConditionalFormat(xml, box(1, 0, 8, 1), "again", 0, 5).replace(/<conditionalFormatting sqref="A2:A9"><cfRule type="expression" dxfId="0" priority="1005000">.*?<\/conditionalFormatting>/, "")).toBe(xml);
  });

  it("puts a rule of an equal rank after the earlier one, and ranks the rules of a second plan anew once the first's are deleted", () => {
    let xml = sheet("", rules);
    xml = addConditionalFormat(xml, box(1, 0, 8, 1), "first", 0, 1);
    xml = addConditionalFormat(xml, box(1, 0, 8, 1), "second", 0, 1);
    xml = addConditionalFormat(xml, box(1, 0, 8, 1), "top", 0, 0);
    expect(evaluationOrder(xml)).toEqual(["top", "first", "second", "$A2&gt;&quot;x&quot;", 'AND($B2&lt;&gt;"",$B2&lt;TODAY())', "(scale)"]);

    const ours = conditionalFormatsOf(xml).filter((rule) => ["top", "first", "second"].includes(rule.formula));
    expect(ours.map((rule) => [rule.id, rule.formula])).toEqual([["1", "top"], ["2", "first"], ["3", "second"]]);
    xml = deleteConditionalFormats(xml, ours.map((rule) => rule.id));
    xml = addConditionalFormat(xml, box(1, 0, 8, 1), "new 1", 0, 1);
    xml = addConditionalFormat(xml, box(1, 0, 8, 1), "new 0", 0, 0);
    expect(evaluationOrder(xml)).toEqual(["new 0", "new 1", "$A2&gt;&quot;x&quot;", 'AND($B2&lt;&gt;"",$B2&lt;TODAY())', "(scale)"]);
  });

  it("refuses a rank or format it cannot number", () => {
    expect(() => addConditionalFormat(sheet("", ""), box(0, 0, 1, 1), "TRUE", 0, -1)).toThrow(/rank/);
    expect(() => addConditionalFormat(sheet("", ""), box(0, 0, 1, 1), "TRUE", 0, 1.5)).toThrow(/rank/);
    expect(() => addConditionalFormat(sheet("", ""), box(0, 0, 1, 1), "TRUE", -1, 0)).toThrow(/differential format/);
  });
});

describe("setColumnWidths", () => {
  const before = '<dimension ref="A1"/><sheetFormatPr defaultRowHeight="15"/>';

  it("creates <cols> after sheetFormatPr, its runs sorted", () => {
    const original = sheet(before, "");
    const xml = setColumnWidths(original, [{ column: 4, width: 30 }, { column: 0, width: 12.5 }]);
    expect(xml).toBe(original.replace("<sheetData>", '<cols><col min="1" max="1" width="12.5" customWidth="1"/><col min="5" max="5" width="30" customWidth="1"/></cols><sheetData>'));
    expect(setColumnWidths(original, [])).toBe(original);
  });

  it("splits a run around the column, each piece keeping the run's style, hiding and outline", () => {
    const cols = '<cols><col min="1" max="1" width="4" customWidth="1"/><col min="2" max="6" width="9.5" style="3" hidden="1" outlineLevel="1" bestFit="1"/><col min="9" max="9" style="2"/></cols>';
    const xml = setColumnWidths(sheet(before + cols, ""), [
      { column: 3, width: 20 },
      { column: 1, width: 11 },
      { column: 8, width: 7 },
      { column: 7, width: 8 },
    ]);
    expect(/<cols>.*<\/cols>/.exec(xml)![0]).toBe(
      "<cols>" +
        '<col min="1" max="1" width="4" customWidth="1"/>' +
        '<col min="2" max="2" style="3" hidden="1" outlineLevel="1" width="11" customWidth="1"/>' +
        '<col min="3" max="3" width="9.5" style="3" hidden="1" outlineLevel="1" bestFit="1"/>' +
        '<col min="4" max="4" style="3" hidden="1" outlineLevel="1" width="20" customWidth="1"/>' +
        '<col min="5" max="6" width="9.5" style="3" hidden="1" outlineLevel="1" bestFit="1"/>' +
        '<col min="8" max="8" width="8" customWidth="1"/>' +
        '<col min="9" max="9" style="2" width="7" customWidth="1"/>' +
        "</cols>",
    );
  });

  it("refuses widths Excel does not have", () => {
    expect(() => setColumnWidths(sheet(before, ""), [{ column: 0, width: 256 }])).toThrow(/0 to 255/);
    expect(() => setColumnWidths(sheet(before, ""), [{ column: 16384, width: 10 }])).toThrow(/Not a column/);
  });
});

describe("freezePanes", () => {
  const views = (content: string, attributes = "") => `<dimension ref="A1"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"${attributes}>${content}</sheetView><sheetView workbookViewId="1"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>`;

  it.each([
    [1, 0, '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'],
    [0, 2, '<pane xSplit="2" topLeftCell="C1" activePane="topRight" state="frozen"/><selection pane="topRight" activeCell="C1" sqref="C1"/>'],
    [3, 1, '<pane xSplit="1" ySplit="3" topLeftCell="B4" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="B4" sqref="B4"/>'],
  ])("freezes %i rows and %i columns in the first view", (rows, columns, content) => {
    const original = sheet(views('<selection activeCell="D5" sqref="D5"/><pivotSelection pane="topLeft"/>'), "");
    expect(freezePanes(original, rows, columns)).toBe(sheet(views(`${content}<pivotSelection pane="topLeft"/>`), ""));
  });

  it("replaces a pane and its selections, and scrolls the view back to the top", () => {
    const split = '<pane xSplit="2400" ySplit="1200" topLeftCell="F20" activePane="bottomLeft"/><selection pane="topRight" activeCell="F1" sqref="F1"/><selection pane="bottomLeft" activeCell="B30" sqref="B30"/>';
    const xml = freezePanes(sheet(views(split, ' topLeftCell="A15"'), ""), 1, 0);
    expect(xml).toBe(sheet(views('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'), ""));
  });

  it("unfreezes: the pane goes, and the selections of panes that no longer exist", () => {
    const frozen = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection activeCell="A1" sqref="A1"/><selection pane="bottomLeft" activeCell="C7" sqref="C7"/>';
    expect(freezePanes(sheet(views(frozen), ""), 0, 0)).toBe(sheet(views('<selection activeCell="A1" sqref="A1"/>'), ""));
    expect(freezePanes(sheet("", ""), 0, 0)).toBe(sheet("", ""));
  });

  it("creates <sheetViews> after the dimension, and fills an empty-tag view", () => {
    const original = sheet('<sheetPr/><dimension ref="A1"/><sheetFormatPr defaultRowHeight="15"/>', "");
    const xml = freezePanes(original, 1, 1);
    expect(childNames(xml)).toEqual(["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "sheetData"]);
    expect(xml).toContain('<sheetViews><sheetView workbookViewId="0"><pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="B2" sqref="B2"/></sheetView></sheetViews>');
    const empty = freezePanes(sheet('<sheetViews><sheetView workbookViewId="0" topLeftCell="C3"/></sheetViews>', ""), 2, 0);
    expect(empty).toContain('<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews>');
  });
});

describe("a sheet part ExcelJS wrote, patched and read back", () => {
  const SHEET_PART = "xl/worksheets/sheet1.xml";
  const RULE_STYLE = { fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb: "FFFFC7CE" } } };

  /** A workbook as `poam new` might have left it: cells, a validation, a conditional format (so a dxf exists), a column width. */
  async function written(): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("Data");
    ws.getRow(1).values = ["Status", "Closed", "Cost", "Note"];
    for (let row = 2; row <= 10; row++) ws.getRow(row).values = ["Open", "No", row * 10, `note ${row}`];
    (ws as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add("A2:A10", {
      type: "list",
      formulae: ['"Open,Closed"'],
      allowBlank: true,
    });
    ws.addConditionalFormatting({ ref: "A2:D10", rules: [{ type: "expression", priority: 1, formulae: ['$A2="Closed"'], style: RULE_STYLE }] });
    ws.getColumn(4).width = 40;
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  async function patched(bytes: Uint8Array, patch: (xml: string) => string): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(bytes);
    zip.file(SHEET_PART, patch(await zip.file(SHEET_PART)!.async("string")));
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  async function loaded(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook.worksheets[0];
  }

  const validationsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
  /** ExcelJS reads `conditionalFormattings` (its type definitions leave it out): each rule with its range, in priority order. */
  const rulesByPriority = (ws: ExcelJS.Worksheet) =>
    (ws as unknown as { conditionalFormattings: { ref: string; rules: { priority: number; formulae: string[] }[] }[] }).conditionalFormattings
      .flatMap((format) => format.rules.map((rule) => ({ ref: format.ref, priority: rule.priority, formula: rule.formulae[0] })))
      .sort((a, b) => a.priority - b.priority);

  const MESSAGE = "Cost is an amount from 1 to 1000 & no more.";
  const everything = (xml: string) => {
    let sheet = setValidation(xml, box(4, 0, 2, 1), { type: "custom", formula: 'OR($A5="Open",$A5="Closed")' }, "warning", "Open or Closed.");
    sheet = setValidation(sheet, box(1, 1, 9, 1), { type: "list", source: '"Yes,No"' }, "stop", "Closed is Yes or No.");
    sheet = setValidation(sheet, box(1, 2, 9, 1), { type: "decimal", operator: "between", formula1: "1", formula2: "1000" }, "stop", MESSAGE);
    sheet = addConditionalFormat(sheet, box(1, 0, 9, 4), '$B2="Yes"', 0, 1);
    sheet = addConditionalFormat(sheet, box(1, 2, 9, 1), "$C2>500", 0, 0);
    sheet = setColumnWidths(sheet, [{ column: 0, width: 14 }, { column: 2, width: 12.5 }]);
    return freezePanes(sheet, 1, 1);
  };

  it("reads the validations, formats, widths and frozen pane the plan ops mean", async () => {
    const ws = await loaded(await patched(await written(), everything));
    const validations = validationsOf(ws);
    for (const cell of ["A2", "A3", "A4", "A7", "A10"]) expect(validations[cell]).toEqual({ type: "list", formulae: ['"Open,Closed"'], allowBlank: true });
    for (const cell of ["A5", "A6"]) {
      expect(validations[cell]).toEqual({ type: "custom", formulae: ['OR($A5="Open",$A5="Closed")'], allowBlank: true, showErrorMessage: true, errorStyle: "warning", errorTitle: "POA&M Workbench", error: "Open or Closed." });
    }
    expect(validations.B2).toMatchObject({ type: "list", formulae: ['"Yes,No"'], errorStyle: "stop", error: "Closed is Yes or No." });
    expect(validations.C10).toMatchObject({ type: "decimal", operator: "between", formulae: [1, 1000], error: MESSAGE, showErrorMessage: true });
    expect(validations.D2).toBeUndefined();

    expect(rulesByPriority(ws).map(({ ref, formula }) => [ref, formula])).toEqual([
      ["C2:C10", "$C2>500"],
      ["A2:D10", '$B2="Yes"'],
      ["A2:D10", '$A2="Closed"'],
    ]);

    expect([1, 2, 3, 4].map((n) => ws.getColumn(n).width)).toEqual([14, undefined, 12.5, 40]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1, topLeftCell: "B2" });
  });

  it("deletes a format by the id conditionalFormatsOf gives it, and unfreezes", async () => {
    const bytes = await patched(await written(), (xml) => {
      const sheet = freezePanes(everything(xml), 0, 0);
      const theirs = conditionalFormatsOf(sheet).filter((rule) => rule.formula === '$A2="Closed"');
      expect(theirs).toHaveLength(1);
      return deleteConditionalFormats(sheet, theirs.map((rule) => rule.id));
    });
    const ws = await loaded(bytes);
    expect(rulesByPriority(ws).map((rule) => rule.formula)).toEqual(["$C2>500", '$B2="Yes"']);
    expect(ws.views[0]).not.toMatchObject({ state: "frozen" });
  });

  it("round-trips through LibreOffice with the validations and the formats' order kept", async () => {
    let converted: Buffer;
    try {
      converted = await convertWithLibreOffice(await patched(await written(), everything));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new Error(`LibreOffice is needed for this test and "${SOFFICE}" was not found: install libreoffice-calc-nogui (npm test's scripts/check-system.js says how).`);
      }
      throw error;
    }
    const ws = await loaded(converted);
    const validations = validationsOf(ws);
    // LibreOffice writes a <formula2>0</formula2> that a list ignores.
    expect(validations.A2).toMatchObject({ type: "list" });
    expect(validations.A2.formulae[0]).toBe('"Open,Closed"');
    expect(validations.A5).toMatchObject({ type: "custom", errorStyle: "warning", errorTitle: "POA&M Workbench", error: "Open or Closed.", showErrorMessage: true, allowBlank: true });
    expect(validations.A5.formulae[0]).toBe('OR($A5="Open",$A5="Closed")');
    expect(validations.A7).toMatchObject({ type: "list" });
    expect(validations.D2).toBeUndefined();
    expect(validations.B10).toMatchObject({ type: "list", errorStyle: "stop", error: "Closed is Yes or No." });
    expect(validations.B10.formulae[0]).toBe('"Yes,No"');
    expect(validations.C2).toMatchObject({ type: "decimal", operator: "between", formulae: [1, 1000], error: MESSAGE });
    // LibreOffice numbers the rules in document order as it saves, so this holds because the added ones are put in priority order.
    expect(rulesByPriority(ws).map((rule) => rule.formula)).toEqual(["$C2>500", '$B2="Yes"', '$A2="Closed"']);
    expect([1, 3, 4].map((n) => ws.getColumn(n).width)).toEqual([14, 12.5, 40]);
    // A headless conversion writes no panes whatever the file had (nor does it for ExcelJS's own frozen views), so the pane is not looked at here.
  });
});
