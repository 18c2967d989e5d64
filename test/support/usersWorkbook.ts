/** Workbooks holding a user's own parts, and comparing packages part by part. */
import JSZip from "jszip";

/** The parts of a package: path to uncompressed bytes. */
export async function partsOf(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const file of Object.values(zip.files)) if (!file.dir) parts.set(file.name, await file.async("nodebuffer"));
  return parts;
}

/**
 * A workbook with what a user's workbook holds beside the add-in's: a sheet
 * of their own, an image, a comments part, a pivot cache and custom XML. A
 * demo's Summary already carries charts and a drawing.
 */
export async function withUsersParts(workbookBytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbookBytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", workbook.replace("</sheets>", '<sheet name="Mine" sheetId="99" r:id="rIdMine"/></sheets>'));
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace("</Relationships>", '<Relationship Id="rIdMine" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/mine.xml"/></Relationships>'),
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace("</Types>", '<Override PartName="/xl/worksheets/mine.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
  );
  zip.file(
    "xl/worksheets/mine.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>My own notes</t></is></c></row></sheetData></worksheet>',
  );
  zip.file("xl/media/image1.png", Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"));
  zip.file("xl/comments1.xml", '<?xml version="1.0"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Me</author></authors><commentList/></comments>');
  zip.file("xl/pivotCache/pivotCacheDefinition1.xml", '<?xml version="1.0"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" refreshOnLoad="1"/>');
  zip.file("customXml/item1.xml", "<mine>kept as it is</mine>");
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The parts whose bytes differ between two packages, sorted; parts only one has count as changed. */
export function changedParts(was: Map<string, Buffer>, now: Map<string, Buffer>): string[] {
  const paths = new Set([...was.keys(), ...now.keys()]);
  return [...paths].filter((path) => !was.get(path) || !now.get(path) || !was.get(path)!.equals(now.get(path)!)).sort();
}
