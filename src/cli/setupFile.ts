/**
 * `poam setup POAM.xlsx`: the pane's Set up on a workbook file, a user's own
 * workbook or a POA&M from an earlier version. It adds what is missing
 * (sheets, tables, columns after a table's last one, settings, names) and
 * applies validation and conditional formats again; it never writes into a
 * cell the user filled, keeps the user's own columns, and where one of the
 * user's sheets has a name the add-in wants, uses a free name instead.
 */
import { parseArgs } from "node:util";
import { planSetup } from "../domain/workbook/planSetup";
import { describeChanges, resultTitle } from "../domain/workbook/setupReport";
import { poamOf, readPoamFile } from "../formats/xlsx-read/readPoamFile";
import { readXlsx } from "../formats/xlsx-read/readXlsx";
import { applyPlanToPackage } from "../xlsx-patch/applyPlanToPackage";
import { snapshotOfPackage } from "../xlsx-patch/packageSnapshot";
import { WorkbookPackage } from "../xlsx-patch/workbookPackage";
import { UsageError, type CliIo } from "./io";
import { replaceWorkbookFile } from "./replaceFile";
import { unreadablePoam, workbookFileBytes, patchedOrRefused } from "./workbookFile";

/** Sets up or upgrades the workbook file; returns the exit code (0). */
export async function setupFile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "no-backup": { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("poam setup needs exactly one workbook file (.xlsx or .xlsm).");
  const [name] = positionals;
  const { file, bytes } = workbookFileBytes(name, io);
  const { planned, itemsBefore } = await (async () => {
    const stored = await readXlsx(bytes);
    const snapshot = await snapshotOfPackage(await WorkbookPackage.load(bytes), stored);
    const isPoam = snapshot.tables.some((table) => table.name.toLowerCase() === "poam");
    return { planned: planSetup(snapshot), itemsBefore: isPoam ? poamOf(stored).data.items.length : 0 };
  })().catch((error: unknown) => {
    throw unreadablePoam(name, error);
  });
  const changed = await patchedOrRefused(name, applyPlanToPackage(bytes, planned));
  const backup = values["no-backup"] !== true;
  await replaceWorkbookFile(name, file, bytes, changed, {
    backup,
    verify: async (written) => {
      const items = (await readPoamFile(written)).items.length;
      if (items !== itemsBefore) {
        throw new UsageError(`${name} could not be changed: the written copy did not read back as the same POA&M; it is as it was.`);
      }
    },
  });
  const lines = describeChanges(planned.changes);
  io.out([`${resultTitle(planned.changes)}${lines.length > 0 ? ":" : "."}`, ...lines.map((line) => `  ${line}`), `Wrote ${name}${backup ? `; the previous version is ${name}.bak` : ""}.`].join("\n"));
  return 0;
}
