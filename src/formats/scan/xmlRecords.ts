/**
 * Streaming XML for scan reports, with saxes: text goes in chunk by chunk and
 * each record element (a ReportItem, a result, a VULN_INFO) comes out as a
 * small tree once it closes, then is dropped, so memory holds one record and
 * its ancestors, not the report.
 *
 * saxes does not read DTDs: a DOCTYPE is skipped, nothing is fetched, and an
 * entity other than XML's five and character references is an error, so
 * neither external entities nor "billion laughs" expansions are possible.
 */
import { SaxesParser } from "saxes";

export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  text: string;
  readonly children: XmlNode[];
}

/** The first child element called `name`. */
export function childNamed(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((child) => child.name === name);
}

/** All child elements called `name`. */
export function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((child) => child.name === name) ?? [];
}

/** The trimmed text of the first child element called `name`; undefined when absent or empty. */
export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const text = childNamed(node, name)?.text.trim();
  return text === "" ? undefined : text;
}

export interface XmlRecord {
  readonly node: XmlNode;
  /** Open elements above the record, outermost first, with the children they had so far. */
  readonly ancestors: readonly XmlNode[];
}

/**
 * The deepest nesting read. Scan reports nest about ten elements deep; a
 * file nested deeper is refused, so work and memory stay in proportion to
 * the file however it is built.
 */
export const MAX_XML_DEPTH = 256;

/** XML nested deeper than MAX_XML_DEPTH, with the line where it went too deep. */
export class XmlDepthError extends Error {
  constructor(readonly line: number) {
    super(`Line ${line}: the XML is nested more than ${MAX_XML_DEPTH} elements deep, which no scan report is; it is not read.`);
    this.name = "XmlDepthError";
  }
}

/**
 * Which closed elements outside a record to keep, for records to come to
 * read (a Nessus ReportHost's HostProperties, say). Everything inside an
 * open element is kept until it closes, as it may be a record.
 */
export type KeepElement = (node: XmlNode, ancestors: readonly XmlNode[]) => boolean;

/**
 * Reads XML pushed in chunks and returns, after each chunk, the record
 * elements it completed. `isRecord` picks them (by name, content, ancestry);
 * `isSkipped` names elements whose whole content can be ignored; `keep`,
 * when given, says which other closed elements to keep in their parent
 * (by default all are, which holds every element outside a record in
 * memory until its parent closes).
 */
export class XmlRecordReader {
  private readonly parser = new SaxesParser();
  private readonly stack: XmlNode[] = [];
  private records: XmlRecord[] = [];
  private skipping = 0;
  /** The name of the document element, once seen. */
  root?: string;

  constructor(
    private readonly isRecord: (node: XmlNode, ancestors: readonly XmlNode[]) => boolean,
    private readonly isSkipped: (name: string) => boolean = () => false,
    private readonly keep?: KeepElement,
  ) {
    this.parser.on("opentag", (tag) => {
      this.root ??= tag.name;
      if (this.stack.length + this.skipping >= MAX_XML_DEPTH) throw new XmlDepthError(this.parser.line);
      if (this.skipping > 0 || this.isSkipped(tag.name)) {
        this.skipping++;
        return;
      }
      const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, text: "", children: [] };
      this.stack.at(-1)?.children.push(node);
      this.stack.push(node);
    });
    const addText = (text: string) => {
      const top = this.stack.at(-1);
      if (top && this.skipping === 0) top.text += text;
    };
    this.parser.on("text", addText);
    this.parser.on("cdata", addText);
    this.parser.on("closetag", () => {
      if (this.skipping > 0) {
        this.skipping--;
        return;
      }
      const node = this.stack.pop();
      if (!node) return;
      // The stack itself is handed to the predicates (they only read it); a record gets a copy of its own.
      const ancestors: readonly XmlNode[] = this.stack;
      const parent = this.stack.at(-1);
      if (this.isRecord(node, ancestors)) {
        this.records.push({ node, ancestors: [...ancestors] });
        // Records are handed on, not kept: the parent forgets them.
        parent?.children.pop();
      } else if (this.keep && parent && !this.keep(node, ancestors)) {
        parent.children.pop();
      }
    });
  }

  push(chunk: string): XmlRecord[] {
    this.parser.write(chunk);
    return this.take();
  }

  end(): XmlRecord[] {
    this.parser.close();
    return this.take();
  }

  private take(): XmlRecord[] {
    const done = this.records;
    this.records = [];
    return done;
  }
}
