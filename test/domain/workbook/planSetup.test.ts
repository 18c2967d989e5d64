import { definedNames } from "../../../src/domain/workbook/definedNames";
import { forbiddenFunctionsIn, hasStructuredReference } from "../../../src/domain/workbook/formulaText";
import { isFormula, type PlanOp } from "../../../src/domain/workbook/plan";
import { formulaSignature, planSetup } from "../../../src/domain/workbook/planSetup";
import { CONDITIONAL_FORMATS, POAM_COLUMNS, SHEETS, TABLES } from "../../../src/domain/workbook/schema";
import { EMPTY_WORKBOOK, type WorkbookSnapshot } from "../../../src/domain/workbook/snapshot";
import { workbookStatus } from "../../../src/domain/workbook/workbookStatus";
import { completeSnapshot } from "../../support/builders";

const opsOf = <K extends PlanOp["kind"]>(ops: readonly PlanOp[], kind: K) =>
  ops.filter((op): op is Extract<PlanOp, { kind: K }> => op.kind === kind);

/** Every formula the plan stores, with where it goes. */
function storedFormulas(ops: readonly PlanOp[]): { where: string; formula: string; rule: boolean }[] {
  return ops.flatMap((op): { where: string; formula: string; rule: boolean }[] => {
    switch (op.kind) {
      case "setColumnFormula":
        return [{ where: `${op.table}[${op.column}]`, formula: op.formula, rule: false }];
      case "writeCells":
        return op.cells.flat().flatMap((cell) => (cell !== null && isFormula(cell) ? [{ where: op.sheet, formula: cell.formula, rule: false }] : []));
      case "defineName":
        return [{ where: op.name, formula: op.formula, rule: false }];
      case "addConditionalFormat":
        return [{ where: `format on ${op.sheet}`, formula: op.formula, rule: true }];
      case "setValidation":
        return [
          { where: `validation on ${op.sheet}`, formula: "source" in op.rule ? op.rule.source : "formula" in op.rule ? op.rule.formula : op.rule.formula1, rule: true },
        ];
      default:
        return [];
    }
  });
}

describe("planSetup on a blank workbook", () => {
  const plan = planSetup(EMPTY_WORKBOOK);

  it("turns the only, empty sheet into POA&M and adds the others in order", () => {
    expect(plan.ops[0]).toEqual({ kind: "renameSheet", from: "Sheet1", to: "POA&M", tabColor: "#1F4E79" });
    expect(opsOf(plan.ops, "addSheet").map((op) => op.sheet)).toEqual(SHEETS.slice(1).map((sheet) => sheet.name));
    expect(plan.changes.createdSheets).toEqual(SHEETS.map((sheet) => sheet.name));
  });

  it("keeps the sheet names Excel accepts: Refresh History holds the History table", () => {
    expect(plan.changes.createdSheets).not.toContain("History");
    const history = opsOf(plan.ops, "createTable").find((op) => op.table === "History");
    expect(history?.sheet).toBe("Refresh History");
  });

  it("creates every table with its columns in schema order", () => {
    const created = opsOf(plan.ops, "createTable");
    expect(created.map((op) => op.table)).toEqual(TABLES.map((table) => table.name));
    const poam = created.find((op) => op.table === "Poam");
    expect(poam?.columns.map((column) => column.header)).toEqual(POAM_COLUMNS.map((column) => column.header));
    expect(poam?.columns).toHaveLength(38);
    expect(poam?.rows).toEqual([POAM_COLUMNS.map(() => null)]);
  });

  it("seeds Controls with the 110 requirements and the lists with their values", () => {
    const created = opsOf(plan.ops, "createTable");
    expect(created.find((op) => op.table === "Controls")?.rows).toHaveLength(110);
    expect(created.find((op) => op.table === "Sla")?.rows).toEqual([
      ["Critical", 15],
      ["High", 30],
      ["Medium", 90],
      ["Low", 180],
    ]);
    const settings = created.find((op) => op.table === "Settings")?.rows.map((row) => row[0]);
    expect(settings).toContain("As of");
  });

  it("leaves the As of date empty, meaning today", () => {
    const settings = opsOf(plan.ops, "createTable").find((op) => op.table === "Settings");
    expect(settings?.rows.find((row) => row[0] === "As of")?.[1]).toBeNull();
  });

  it("creates every table before it stores any formula, and names before formulas use them", () => {
    const lastTable = plan.ops.map((op) => op.kind).lastIndexOf("createTable");
    const lastName = plan.ops.map((op) => op.kind).lastIndexOf("defineName");
    const firstFormula = plan.ops.findIndex((op) => op.kind === "setColumnFormula" || op.kind === "writeCells");
    expect(lastTable).toBeLessThan(firstFormula);
    expect(lastName).toBeLessThan(firstFormula);
  });

  it("defines every name once", () => {
    expect(opsOf(plan.ops, "defineName").map((op) => op.name)).toEqual(definedNames("Summary!$A$1").map((n) => n.name));
  });

  it("stores no function that Excel 2016 or LibreOffice lacks", () => {
    const offenders = storedFormulas(plan.ops).filter(({ formula }) => forbiddenFunctionsIn(formula).length > 0);
    expect(offenders).toEqual([]);
  });

  it("keeps structured references out of conditional-format and validation formulas", () => {
    const rules = storedFormulas(plan.ops).filter(({ rule }) => rule);
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.filter(({ formula }) => hasStructuredReference(formula))).toEqual([]);
  });

  it("applies each conditional format to the right cells", () => {
    const formats = opsOf(plan.ops, "addConditionalFormat");
    expect(formats).toHaveLength(CONDITIONAL_FORMATS.length);
    const overdue = formats.find((op) => op.formula.includes('="Overdue"'));
    // State is column AH; the rule spans the 38 columns of the one data row.
    expect(overdue).toMatchObject({ sheet: "POA&M", formula: '$AH2="Overdue"', range: { row: 1, column: 0, rowCount: 1, columnCount: 38 } });
    const reason = formats.find((op) => op.formula.includes("Extension Reason") || op.formula.includes("ISNUMBER($W2)"));
    expect(reason).toMatchObject({ formula: "AND(ISNUMBER($W2),LEN(TRIM($X2))=0)", range: { row: 1, column: 23, rowCount: 1, columnCount: 1 } });
    expect(formats.map((op) => op.rank)).toEqual(CONDITIONAL_FORMATS.map((_, rank) => rank));
  });

  it("validates list columns against the Settings lists, people with a warning only", () => {
    const validations = opsOf(plan.ops, "setValidation").filter((op) => op.sheet === "POA&M");
    const byColumn = (column: number) => validations.find((op) => op.range.column === column);
    expect(byColumn(12)).toMatchObject({ rule: { type: "list", source: "=POAM_Priorities" }, alert: "stop" });
    expect(byColumn(13)).toMatchObject({ rule: { type: "list", source: "=POAM_People" }, alert: "warning" });
    expect(byColumn(10)).toMatchObject({ rule: { type: "date", operator: "lessThanOrEqual", formula1: "=TODAY()" } });
    expect(byColumn(4)).toMatchObject({ rule: { type: "textLength", formula1: "2000" } });
    expect(byColumn(0)).toMatchObject({ rule: { type: "custom", formula: "COUNTIF($A:$A,$A2)=1" } });
  });

  it("fills the new tables from initial data", () => {
    const withData = planSetup(EMPTY_WORKBOOK, {
      findings: [
        {
          id: "POAM-2026-0001",
          itemType: "CMMC POA&M item",
          requirement: "3.1.8",
          weakness: "=1+1",
          source: "Self-assessment",
          discovered: "2026-11-01",
          priority: "High",
          status: "Open",
        },
      ],
    });
    const poam = opsOf(withData.ops, "createTable").find((op) => op.table === "Poam");
    expect(poam?.rows).toHaveLength(1);
    expect(poam?.rows[0][4]).toBe("=1+1");
    expect(poam?.rows[0][10]).toBe(46327);
    const formulas = opsOf(withData.ops, "setColumnFormula").filter((op) => op.table === "Poam");
    expect(formulas.every((op) => op.range.rowCount === 1)).toBe(true);
  });
});

describe("planSetup on a workbook that is already a POA&M", () => {
  it("adds nothing and re-applies validation and formats", () => {
    const plan = planSetup(completeSnapshot({ Poam: 250 }));
    const kinds = new Set(plan.ops.map((op) => op.kind));
    expect([...kinds].sort()).toEqual(["addConditionalFormat", "setValidation"]);
    expect(workbookStatus(completeSnapshot()).state).toBe("ready");
    const overdue = opsOf(plan.ops, "addConditionalFormat").find((op) => op.formula.includes("Overdue"));
    expect(overdue?.range).toEqual({ row: 1, column: 0, rowCount: 250, columnCount: 38 });
  });

  it("removes only the add-in's own earlier conditional formats, even after columns moved", () => {
    const snapshot: WorkbookSnapshot = {
      ...completeSnapshot(),
      conditionalFormats: [
        { sheet: "POA&M", id: "a", formula: '=$AH2="Overdue"' },
        { sheet: "POA&M", id: "b", formula: '=$AK2="Overdue"' },
        { sheet: "POA&M", id: "mine", formula: '=$B2="Needs review"' },
      ],
    };
    const deletes = opsOf(planSetup(snapshot).ops, "deleteConditionalFormats");
    expect(deletes).toEqual([{ kind: "deleteConditionalFormats", sheet: "POA&M", ids: ["a", "b"] }]);
  });

  it("finds tables on renamed sheets and keeps using those sheets", () => {
    const base = completeSnapshot();
    const snapshot: WorkbookSnapshot = {
      ...base,
      sheets: base.sheets.map((sheet) => (sheet.name === "POA&M" ? { ...sheet, name: "Our plan" } : sheet)),
      tables: base.tables.map((table) => (table.name === "Poam" ? { ...table, sheet: "Our plan" } : table)),
    };
    const plan = planSetup(snapshot);
    expect(opsOf(plan.ops, "addSheet")).toEqual([]);
    expect(opsOf(plan.ops, "setValidation").some((op) => op.sheet === "Our plan")).toBe(true);
    expect(workbookStatus(snapshot).state).toBe("ready");
  });
});

describe("planSetup on an older workbook", () => {
  const older = (): WorkbookSnapshot => {
    const base = completeSnapshot({ Poam: 12 });
    const dropped = ["Approver", "Acceptance Criteria", "Ticket", "Days Open", "Updated"];
    return {
      ...base,
      tables: base.tables
        .filter((table) => table.name !== "People")
        .map((table) => {
          if (table.name === "Poam") {
            const headers = [...table.headers.filter((h) => !dropped.includes(h)), "Our Notes"];
            return { ...table, headers, range: { ...table.range, columnCount: headers.length } };
          }
          if (table.name === "Settings") return { ...table, keys: ["Organisation", "As of", "Due soon (days)"], range: { ...table.range, rowCount: 4 } };
          return table;
        }),
      names: base.names.filter((name) => name.name !== "POAM_People"),
    };
  };

  it("appends the missing columns after the user's own, in schema order", () => {
    const plan = planSetup(older());
    const appended = opsOf(plan.ops, "appendColumns");
    expect(appended).toHaveLength(1);
    expect(appended[0].columns.map((column) => column.header)).toEqual(["Approver", "Acceptance Criteria", "Ticket", "Days Open", "Updated"]);
    expect(appended[0].range.columnCount).toBe(34);
    expect(plan.changes.addedColumns).toEqual([{ table: "Poam", columns: ["Approver", "Acceptance Criteria", "Ticket", "Days Open", "Updated"] }]);
  });

  it("fills the formula of an appended formula column for every existing row", () => {
    const formulas = opsOf(planSetup(older()).ops, "setColumnFormula");
    expect(formulas).toHaveLength(1);
    // Days Open lands in column 37 (after 34 existing columns and 3 appended ones).
    expect(formulas[0]).toMatchObject({ table: "Poam", column: "Days Open", range: { row: 1, column: 37, rowCount: 12, columnCount: 1 } });
  });

  it("writes conditional formats against where the columns now are", () => {
    const overdue = opsOf(planSetup(older()).ops, "addConditionalFormat").find((op) => op.formula.includes("Overdue"));
    // Four of the dropped columns stood before State, which moved from AH to AD.
    expect(overdue?.formula).toBe('$AD2="Overdue"');
  });

  it("adds the missing settings rows and table and the missing name", () => {
    const plan = planSetup(older());
    expect(plan.changes.addedSettings).toEqual(["System name", "Assessment date", "Conditional status date", "CMMC close-out (days)", "Next review"]);
    expect(plan.changes.createdTables).toEqual(["People"]);
    expect(plan.changes.addedNames).toEqual(["POAM_People"]);
    const people = opsOf(plan.ops, "createTable")[0];
    // Placed to the right of what the Settings sheet already uses (40 columns).
    expect(people.at).toEqual({ row: 2, column: 41 });
    expect(workbookStatus(older()).state).toBe("outdated");
  });

  it("writes no cell outside new columns, rows and tables", () => {
    const writes = planSetup(older()).ops.filter((op) => op.kind === "writeCells" || op.kind === "renameSheet" || op.kind === "addSheet");
    expect(writes).toEqual([]);
  });
});

describe("planSetup beside a user's own sheets", () => {
  const snapshot: WorkbookSnapshot = {
    sheets: [
      { name: "Summary", usedRange: { row: 0, column: 0, rowCount: 5, columnCount: 3 } },
      { name: "poa&m" },
      { name: "Budget" },
    ],
    tables: [],
    names: [],
    conditionalFormats: [],
  };
  const plan = planSetup(snapshot);

  it("uses free names where the user's sheets have the add-in's names, ignoring case", () => {
    expect(opsOf(plan.ops, "renameSheet")).toEqual([]);
    expect(opsOf(plan.ops, "addSheet").map((op) => op.sheet)).toEqual([
      "POA&M (2)",
      "Milestones",
      "Summary (2)",
      "Controls",
      "Settings",
      "Refresh History",
      "Change Log",
    ]);
    expect(plan.changes.renamedForCollision).toEqual([
      { wanted: "POA&M", used: "POA&M (2)" },
      { wanted: "Summary", used: "Summary (2)" },
    ]);
  });

  it("anchors the Summary name on the sheet it created", () => {
    expect(opsOf(plan.ops, "defineName").find((op) => op.name === "POAM_Summary")?.formula).toBe("'Summary (2)'!$A$1");
    expect(opsOf(plan.ops, "writeCells").map((op) => op.sheet)).toEqual(["Summary (2)", "Settings"]);
  });
});

describe("formulaSignature", () => {
  it("ignores which cells a rule points at", () => {
    expect(formulaSignature('=$AH2="Overdue"')).toBe(formulaSignature('$C17="Overdue"'));
    expect(formulaSignature("COUNTIF($A:$A,$A2)=1")).toBe(formulaSignature("COUNTIF($B:$B,$B2)=1"));
    expect(formulaSignature('$AH2="Overdue"')).not.toBe(formulaSignature('$AH2="Due Soon"'));
  });
});
