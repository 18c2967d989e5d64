/**
 * Scan import speed on large XML reports, one per XML family the Qualys scan
 * report, WAS and Nexpose readers brought: each generated from a corpus file
 * (test/support/largeScanXml.ts), held as text in memory and run through the
 * pane's pipeline (parse, normalise, merge, group) in 1 MB slices, as
 * parseSpeed.ts does for the CSV.
 *
 *   node --expose-gc -r ./bench/register.js bench/xmlParse.ts   prints the figures as JSON
 */
import { performance } from "node:perf_hooks";
import { largeScanXml, type XmlFamily } from "../test/support/largeScanXml";
import { importPipeline, median } from "./parseSpeed";
import { MIB } from "./scanExport";

export const XML_FAMILIES: readonly XmlFamily[] = ["qualys-scan-xml", "nexpose-xml", "qualys-was-xml"];

export interface XmlParseResult {
  readonly family: XmlFamily;
  readonly bytes: number;
  readonly findings: number;
  /** Median seconds per run. */
  readonly seconds: number;
  readonly runs: number;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** Times the pipeline on a report of the family of about `mib` MiB, after one warm-up run; the median of `runs` runs. */
export async function measureXmlParse(family: XmlFamily, mib: number, runs: number): Promise<XmlParseResult> {
  const text = [...largeScanXml(family, mib * MIB).slices].join("");
  const plan = await importPipeline(text);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    collect();
    const start = performance.now();
    await importPipeline(text);
    times.push((performance.now() - start) / 1000);
  }
  return { family, bytes: Buffer.byteLength(text), findings: plan.counts.findings, seconds: median(times), runs };
}

if (require.main === module) {
  (async () => {
    const results = [];
    for (const family of XML_FAMILIES) {
      const result = await measureXmlParse(family, 50, 3);
      results.push({ ...result, mb_per_s: Number((result.bytes / MIB / result.seconds).toFixed(1)) });
    }
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
