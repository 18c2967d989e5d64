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
 * Reads XML pushed in chunks and returns, after each chunk, the record
 * elements it completed. `isRecord` picks them (by name, content, ancestry);
 * `isSkipped` names elements whose whole content can be ignored.
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
  ) {
    this.parser.on("opentag", (tag) => {
      this.root ??= tag.name;
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
      const ancestors = [...this.stack];
      if (this.isRecord(node, ancestors)) {
        this.records.push({ node, ancestors });
        // Records are handed on, not kept: the parent forgets them.
        const parent = this.stack.at(-1);
        parent?.children.splice(parent.children.indexOf(node), 1);
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
