import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject, type RefObject } from "react";
import { localToday } from "../domain/core/dates";
import { PoamError } from "../domain/core/errors";
import type { ImportResult } from "../domain/ports";
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions, type ImportPlan } from "../domain/scan/planImport";
import type { ParsedScan } from "../domain/scan/scanTypes";
import { decodeChunks } from "../formats/scan/decodeText";
import { mergeScans, type NamedScan } from "../formats/scan/mergeScans";
import { parseScan } from "../formats/scan/parseScan";
import { CONFIGURATION_REQUIREMENT, isChecklistFormat } from "../formats/scan/stigValues";
import { readBytes } from "./readFile";
import { IMPORT, messageFor } from "./strings";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

/** The file is read in slices this big, with a pause after each, so Excel never sees the pane stall. */
const SLICE_BYTES = 1 << 20;

/** A file's bytes, slice by slice. */
async function* slicesOf(file: Blob, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < file.size; start += SLICE_BYTES) {
    const slice = await readBytes(file.slice(start, start + SLICE_BYTES), IMPORT.unreadable);
    onBytes(start + slice.length);
    yield slice;
  }
}

const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export type ScanImportPhase =
  | { readonly kind: "choosing" }
  | { readonly kind: "reading"; readonly percent: number }
  | { readonly kind: "preview"; readonly scan: ParsedScan; readonly fileName: string }
  | { readonly kind: "importing"; readonly written: number; readonly total: number }
  | { readonly kind: "done"; readonly result: ImportResult }
  | { readonly kind: "failed"; readonly message: string };

/** What the person chooses before importing; the date and the file's name are added when the import is planned. */
export type ImportChoices = Omit<ImportOptions, "today" | "fileName">;

/** A fresh way to cancel what starts next, kept where the Cancel button finds it. */
function renewAbort(abort: MutableRefObject<AbortController | undefined>): AbortSignal {
  const controller = new AbortController();
  abort.current = controller;
  return controller.signal;
}

const isCancelled = (error: unknown) => error instanceof PoamError && error.code === "cancelled";

/**
 * Several files (a host's checklists, one per STIG) are read one after another
 * and merged into one scan; `onPercent` hears how much of all their bytes is read.
 */
async function parseFiles(files: readonly File[], signal: AbortSignal, onPercent: (percent: number) => void): Promise<ParsedScan> {
  const total = Math.max(1, files.reduce((sum, file) => sum + file.size, 0));
  const scans: NamedScan[] = [];
  let before = 0;
  for (const file of files) {
    const start = before;
    const scan = await parseScan(
      decodeChunks(slicesOf(file, (bytes) => onPercent(Math.round((100 * (start + bytes)) / total)))),
      { pause: breathe, signal },
    ).catch((error: unknown) => {
      // With several files, the message says which one could not be read.
      throw files.length > 1 && error instanceof PoamError && error.code === "invalidInput" ? new PoamError("invalidInput", `${file.name}: ${error.message}`) : error;
    });
    scans.push({ name: file.name, scan });
    before += file.size;
  }
  return mergeScans(scans);
}

/** The files' names as the preview and the new items' Comments give them. */
function describeFiles(files: readonly File[]): string {
  // Up to three names are listed; more would crowd the pane and the new items' Comments.
  return files.length <= 3 ? files.map((file) => file.name).join(", ") : `${IMPORT.files(files.length)} (${files[0].name}, …)`;
}

/** The plan for importing `scan` with `options`, worked out again whenever either changes. */
function useImportPreview(scan: ParsedScan | undefined, options: ImportOptions | undefined) {
  const actions = useWorkbookActions();
  const [plan, setPlan] = useState<ImportPlan>();
  const [previewError, setPreviewError] = useState<string>();

  useEffect(() => {
    if (!scan || !options) return;
    let current = true;
    setPlan(undefined);
    actions.previewImport(scan, options).then(
      (next) => {
        if (!current) return;
        setPlan(next);
        setPreviewError(undefined);
      },
      (error: unknown) => {
        if (current) setPreviewError(messageFor(error));
      },
    );
    return () => {
      current = false;
    };
  }, [actions, scan, options]);

  const forgetPlan = useCallback(() => setPlan(undefined), []);
  return { plan, previewError, forgetPlan };
}

export interface ScanImport {
  readonly phase: ScanImportPhase;
  readonly plan?: ImportPlan;
  readonly previewError?: string;
  readonly choices: ImportChoices;
  readonly setChoices: (choices: ImportChoices) => void;
  /** The file input, emptied when the person starts again. */
  readonly fileInput: RefObject<HTMLInputElement>;
  /** Reads and parses the files, then shows what importing them would do. */
  readonly read: (files: readonly File[]) => Promise<void>;
  /** Imports the previewed scan with the chosen options. */
  readonly run: () => Promise<void>;
  /** Stops the reading or the import under way. */
  readonly cancel: () => void;
  /** Back to choosing a file. */
  readonly restart: () => void;
}

/** Import a scan: choose files, parse them, preview the plan, then import with progress and a way to cancel. */
export function useScanImport(): ScanImport {
  const actions = useWorkbookActions();
  const { who } = useWho();
  const [phase, setPhase] = useState<ScanImportPhase>({ kind: "choosing" });
  const [choices, setChoices] = useState<ImportChoices>(DEFAULT_IMPORT_OPTIONS);
  const abort = useRef<AbortController | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);

  const scan = phase.kind === "preview" ? phase.scan : undefined;
  const fileName = phase.kind === "preview" ? phase.fileName : undefined;
  const options = useMemo<ImportOptions | undefined>(
    () => (scan ? { ...choices, today: localToday(), ...(fileName && { fileName }) } : undefined),
    [scan, fileName, choices],
  );
  const { plan, previewError, forgetPlan } = useImportPreview(scan, options);

  const read = useCallback(async (files: readonly File[]) => {
    const signal = renewAbort(abort);
    setPhase({ kind: "reading", percent: 0 });
    try {
      const parsed = await parseFiles(files, signal, (percent) => setPhase({ kind: "reading", percent }));
      setChoices((current) => ({ ...current, requirement: isChecklistFormat(parsed.format) ? CONFIGURATION_REQUIREMENT : DEFAULT_IMPORT_OPTIONS.requirement }));
      setPhase({ kind: "preview", scan: parsed, fileName: describeFiles(files) });
    } catch (error) {
      setPhase(isCancelled(error) ? { kind: "choosing" } : { kind: "failed", message: messageFor(error) });
    }
  }, []);

  const run = async () => {
    if (!scan || !options || !plan) return;
    const signal = renewAbort(abort);
    setPhase({ kind: "importing", written: 0, total: plan.counts.new });
    try {
      const result = await actions.importScan(scan, options, who, { signal, onProgress: ({ written, total }) => setPhase({ kind: "importing", written, total }) });
      setPhase({ kind: "done", result });
    } catch (error) {
      setPhase(isCancelled(error) ? { kind: "preview", scan, fileName: fileName ?? "" } : { kind: "failed", message: messageFor(error) });
    }
  };

  const restart = () => {
    forgetPlan();
    setPhase({ kind: "choosing" });
    if (fileInput.current) fileInput.current.value = "";
  };

  return { phase, plan, previewError, choices, setChoices, fileInput, read, run, cancel: () => abort.current?.abort(), restart };
}
