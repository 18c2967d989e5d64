/**
 * Adding cell formats and differential formats to a workbook's styles part
 * (xl/styles.xml, ECMA-376 Part 1, 18.8 Styles) as text. A cell format is a
 * copy of the cell's current `<xf>` with only what was asked for changed;
 * the number formats, fonts and fills it needs are found among those the
 * part has, or appended to their lists. Nothing is removed or renumbered,
 * so every `s` and `dxfId` already in the workbook keeps its meaning, and
 * every byte outside the lists that grow (and their `count`) stays as it
 * was written.
 */
import type { CellStyle } from "../domain/workbook/schema";
import { decodeReferences, escapeXml } from "../formats/xlsx-read/packageParts";

export type CellFormat = {
  readonly numberFormat?: string;
  readonly style?: CellStyle & { readonly fontSize?: number; readonly wrap?: boolean };
};

/** CT_Stylesheet's children, in schema order (ECMA-376 Part 1, 18.8.39). */
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/** The lists this patch appends to, and the element each holds. */
const LISTS = { numFmts: "numFmt", fonts: "font", fills: "fill", cellXfs: "xf", dxfs: "dxf" } as const;
type ListName = keyof typeof LISTS;

/**
 * CT_Font's children in the order 18.8.22 lists them. The schema makes them
 * a choice, so any order is valid, but this is the order Excel writes.
 */
const FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"];

/**
 * Built-in number formats (ECMA-376 Part 1, 18.8.30) by their code, for the
 * ones that read the same in every locale. The date and time ids (14–22,
 * 45–47) are shown by Excel in the reader's own date and time settings
 * whatever code 18.8.30 gives them, and 5–8 and 37–44 are currency and
 * accounting formats that vary by locale, so those codes get a `<numFmt>`
 * of their own, which shows as written everywhere.
 */
const BUILT_IN_FORMATS = new Map<string, number>([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["#,##0", 3],
  ["#,##0.00", 4],
  ["0%", 9],
  ["0.00%", 10],
  ["0.00E+00", 11],
  ["# ?/?", 12],
  ["# ??/??", 13],
  ["##0.0E+0", 48],
  ["@", 49],
]);

/** Custom number formats take ids from 164 up; lower ones are reserved for built-ins (18.8.30). */
const FIRST_CUSTOM_FORMAT = 164;

/** What Excel keeps in fills 0 and 1, whatever a file says there; a list shorter than that is padded with them first. */
const RESERVED_FILLS = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];

/** Comments, processing instructions and CDATA, or an opening, closing or empty tag (quoted attribute values may hold ">"). */
const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** One whole child element of an element's content: `<b/>`, `<sz val="11"/>`, `<color …>…</color>`. */
const CHILD = /<([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/\1>)/g;

/** An attribute as written: its name and its value still escaped, ready to go between double quotes. */
type Attribute = readonly [name: string, raw: string];

/** The attributes of an opening tag, in their order. */
function attributeList(text: string): Attribute[] {
  return [...text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map(([, name, double, single]) => [name, double ?? single.replace(/"/g, "&quot;")] as const);
}

/** `attributes` with `name` set to `value` (plain text): in its place when present, else at the end. */
function setAttribute(attributes: readonly Attribute[], name: string, value: string): Attribute[] {
  const raw = escapeXml(value);
  return attributes.some(([n]) => n === name) ? attributes.map(([n, v]) => [n, n === name ? raw : v] as const) : [...attributes, [name, raw]];
}

const attributeValue = (attributes: readonly Attribute[], name: string) => {
  const found = attributes.find(([n]) => n === name);
  return found && decodeReferences(found[1]);
};

interface ParsedElement {
  readonly name: string;
  readonly attributes: Attribute[];
  /** Undefined for an empty-element tag. */
  readonly content: string | undefined;
}

/** An element's name, attributes and content, from its whole text. */
function parseElement(xml: string): ParsedElement {
  const open = /^<([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/.exec(xml);
  if (!open) throw new Error(`styles.xml holds an element that cannot be read: ${xml.slice(0, 40)}`);
  const content = open[3] ? undefined : xml.slice(open[0].length, xml.lastIndexOf("</"));
  return { name: open[1], attributes: attributeList(open[2]), content };
}

function writeElement(name: string, attributes: readonly Attribute[], content: string | undefined): string {
  const attributeText = attributes.map(([n, v]) => ` ${n}="${v}"`).join("");
  return content ? `<${name}${attributeText}>${content}</${name}>` : `<${name}${attributeText}/>`;
}

/**
 * A form of an element's text for telling whether two say the same: no
 * whitespace between tags, attributes sorted and decoded, `<x></x>` as `<x/>`.
 */
function canonical(xml: string): string {
  return xml
    .replace(/>\s+</g, "><")
    .replace(/<([\w:.-]+)((?:[^>"'/]|"[^"]*"|'[^']*')*)(\/?)>/g, (_, name: string, attributes: string, slash: string) => {
      const sorted = attributeList(attributes)
        .map(([n, v]) => ` ${n}="${escapeXml(decodeReferences(v))}"`)
        .sort();
      return `<${name}${sorted.join("")}${slash}>`;
    })
    .replace(/<([\w:.-]+)((?:\s[^>]*?)?)(?<!\/)><\/\1>/g, "<$1$2/>");
}

/** "#1F4E79" as an ST_UnsignedIntHex ARGB value, opaque: "FF1F4E79" (18.8.3 color, rgb). */
function argb(color: string): string {
  const hex = /^#?([0-9A-Fa-f]{6})$/.exec(color.trim());
  if (!hex) throw new Error(`${color} is not a colour written as #RRGGBB.`);
  return `FF${hex[1].toUpperCase()}`;
}

/** A child of the styleSheet element, and where it stands in the part's text. */
interface RootChild {
  readonly name: string;
  readonly start: number;
  /** Just after its opening tag. */
  readonly openEnd: number;
  /** Where its closing tag starts (its end, when it is an empty-element tag). */
  close: number;
  end: number;
  readonly selfClosing: boolean;
  /** Its own children's whole texts, with their names. */
  readonly items: { name: string; xml: string }[];
}

/** The styleSheet element's children, and where its opening tag ends and its closing tag starts. */
function readStyleSheet(xml: string): { children: RootChild[]; openStart: number; openEnd: number; close: number; selfClosing: boolean } {
  const children: RootChild[] = [];
  let depth = 0;
  let root: { start: number; end: number } | undefined;
  let child: RootChild | undefined;
  let itemStart: number | undefined;
  let itemName = "";
  TOKEN.lastIndex = 0;
  for (let tag = TOKEN.exec(xml); tag; tag = TOKEN.exec(xml)) {
    const [whole, closing, name, selfClosing] = tag;
    if (name === undefined) continue; // a comment, processing instruction or CDATA section
    const at = tag.index;
    const after = at + whole.length;
    if (closing) {
      depth--;
      if (depth === 0 && root) return { children, openStart: root.start, openEnd: root.end, close: at, selfClosing: false };
      if (depth === 1 && child) {
        child.close = at;
        child.end = after;
        children.push(child);
        child = undefined;
      } else if (depth === 2 && child && itemStart !== undefined) {
        child.items.push({ name: itemName, xml: xml.slice(itemStart, after) });
        itemStart = undefined;
      }
      continue;
    }
    if (depth === 0) {
      // A prefixed root (<x:styleSheet>) would need every element this patch writes prefixed too.
      if (name.includes(":")) throw new Error(`styles.xml's root element is <${name}>: styles written with a namespace prefix cannot be changed, and the workbook was left as it was.`);
      if (name !== "styleSheet") throw new Error(`styles.xml's root element is <${name}>, not <styleSheet>; the workbook is damaged.`);
      root = { start: at, end: after };
      if (selfClosing) return { children, openStart: at, openEnd: after, close: after, selfClosing: true };
    } else if (depth === 1) {
      child = { name, start: at, openEnd: after, close: after, end: after, selfClosing: Boolean(selfClosing), items: [] };
      if (selfClosing) {
        children.push(child);
        child = undefined;
      }
    } else if (depth === 2 && child) {
      if (selfClosing) child.items.push({ name, xml: whole });
      else {
        itemStart = at;
        itemName = name;
      }
    }
    if (!selfClosing) depth++;
  }
  throw new Error(root ? "styles.xml has no closing </styleSheet>; the workbook is damaged." : "styles.xml has no <styleSheet> element; the workbook is damaged.");
}

/** One list of the part: the entries it had and the ones added to it. */
class StyleList {
  readonly added: string[] = [];
  constructor(
    readonly name: ListName,
    readonly element: RootChild | undefined,
    readonly existing: readonly string[],
  ) {}

  get items(): string[] {
    return [...this.existing, ...this.added];
  }

  /** The index of an entry that says the same as `xml`, if any. */
  find(xml: string): number | undefined {
    const wanted = canonical(xml);
    const index = this.items.findIndex((item) => canonical(item) === wanted);
    return index < 0 ? undefined : index;
  }

  add(xml: string): number {
    this.added.push(xml);
    return this.existing.length + this.added.length - 1;
  }

  /** The index of an entry like `xml`, added when there is none. */
  use(xml: string): number {
    return this.find(xml) ?? this.add(xml);
  }
}

export class StyleSheet {
  private readonly structure: ReturnType<typeof readStyleSheet>;
  private readonly lists: Record<ListName, StyleList>;
  private readonly asked = new Map<string, string>();

  constructor(private readonly stylesXml: string) {
    this.structure = readStyleSheet(stylesXml);
    const list = (name: ListName) => {
      const element = this.structure.children.find((child) => child.name === name);
      return new StyleList(name, element, element?.items.filter((item) => item.name === LISTS[name]).map((item) => item.xml) ?? []);
    };
    this.lists = { numFmts: list("numFmts"), fonts: list("fonts"), fills: list("fills"), cellXfs: list("cellXfs"), dxfs: list("dxfs") };
  }

  /** The index (as a string, for a cell's s attribute) of a cellXfs entry that is `base` (a cell's current s, undefined = 0) with `format` applied. */
  cellStyle(base: string | undefined, format: CellFormat): string {
    const style = format.style ?? {};
    const key = JSON.stringify([base ?? "0", format.numberFormat, style.fill, style.fontColor, style.bold, style.fontSize, style.wrap]);
    const known = this.asked.get(key);
    if (known !== undefined) return known;

    if (!/^\d+$/.test(base ?? "0")) throw new Error(`${base} is not a cell format index.`);
    // Checked before anything is added, so a bad request leaves no half-made entries behind.
    if (style.fill !== undefined) argb(style.fill);
    if (style.fontColor !== undefined) argb(style.fontColor);
    if (style.fontSize !== undefined && !(style.fontSize > 0 && Number.isFinite(style.fontSize))) throw new Error(`${style.fontSize} is not a font size.`);
    if (format.numberFormat === "") throw new Error("A number format code cannot be empty.");
    const xfs = this.lists.cellXfs;
    const baseXf = xfs.items[Number(base ?? "0")];
    if (baseXf === undefined) throw new Error(`styles.xml has no cell format ${base ?? "0"} (its cellXfs holds ${xfs.items.length}); the workbook is damaged.`);
    const xf = parseElement(baseXf);
    let attributes = xf.attributes;
    let content = xf.content;
    // CT_Xf (18.8.45): an apply* attribute says the xf's own setting is used rather than its cell style's.
    const set = (name: string, value: string | number) => (attributes = setAttribute(attributes, name, String(value)));
    const fontChange = style.fontColor !== undefined || style.bold !== undefined || style.fontSize !== undefined;
    if (format.numberFormat !== undefined) set("numFmtId", this.numberFormat(format.numberFormat));
    if (fontChange) set("fontId", this.font(Number(attributeValue(attributes, "fontId") ?? 0), style));
    if (style.fill !== undefined) set("fillId", this.fill(style.fill));
    if (format.numberFormat !== undefined) set("applyNumberFormat", "1");
    if (fontChange) set("applyFont", "1");
    if (style.fill !== undefined) set("applyFill", "1");
    if (style.wrap !== undefined) {
      content = withWrap(content ?? "", style.wrap);
      set("applyAlignment", "1");
    }
    const index = String(xfs.use(writeElement(xf.name, attributes, content)));
    this.asked.set(key, index);
    return index;
  }

  /** The dxfId of a differential format (for a conditional-format rule) showing `style`: fill as a solid pattern with bgColor (that is what Excel reads for dxf fills), font color, bold. */
  differentialStyle(style: CellStyle): number {
    // CT_Dxf (18.8.17) is a sequence: font, numFmt, fill, alignment, border, protection, extLst.
    const bold = style.bold === undefined ? "" : style.bold ? "<b/>" : '<b val="0"/>';
    const color = style.fontColor === undefined ? "" : `<color rgb="${argb(style.fontColor)}"/>`;
    const font = bold || color ? `<font>${bold}${color}</font>` : "";
    // 18.8.32: a patterned fill's cell colour is bgColor; Excel reads a conditional format's solid fill from bgColor too.
    const fill = style.fill === undefined ? "" : `<fill><patternFill patternType="solid"><bgColor rgb="${argb(style.fill)}"/></patternFill></fill>`;
    const dxf = font || fill ? `<dxf>${font}${fill}</dxf>` : "<dxf/>";
    const dxfs = this.lists.dxfs;
    const earlier = dxfs.added.indexOf(dxf);
    return earlier >= 0 ? dxfs.existing.length + earlier : dxfs.add(dxf);
  }

  /** True when anything was added. */
  get changed(): boolean {
    return Object.values(this.lists).some((list) => list.added.length > 0);
  }

  /** The patched styles.xml text; identical to the input when nothing was added. */
  toXml(): string {
    if (!this.changed) return this.stylesXml;
    const xml = this.stylesXml;
    const root = this.structure;
    const edits: { at: number; to: number; text: string; rank: number }[] = [];
    const rankOf = (name: string) => STYLESHEET_ORDER.indexOf(name);
    if (root.selfClosing) {
      // <styleSheet …/> opens up to take its first children.
      const slash = /\s*\/>$/.exec(xml.slice(root.openStart, root.openEnd));
      edits.push({ at: root.openEnd - (slash?.[0].length ?? 2), to: root.openEnd, text: ">", rank: -1 });
      edits.push({ at: root.openEnd, to: root.openEnd, text: "</styleSheet>", rank: STYLESHEET_ORDER.length });
    }
    for (const list of Object.values(this.lists)) {
      if (list.added.length === 0) continue;
      const count = list.existing.length + list.added.length;
      const items = list.added.join("");
      const element = list.element;
      if (!element) {
        // A missing list goes before the first child the schema puts after it (18.8.39).
        const rank = rankOf(list.name);
        const later = root.children.find((child) => rankOf(child.name) > rank);
        edits.push({ at: later ? later.start : root.close, to: later ? later.start : root.close, text: `<${list.name} count="${count}">${items}</${list.name}>`, rank });
        continue;
      }
      const open = withCount(xml.slice(element.start, element.openEnd), count);
      if (element.selfClosing) {
        edits.push({ at: element.start, to: element.end, text: `${open.replace(/\s*\/>$/, ">")}${items}</${list.name}>`, rank: 0 });
      } else {
        edits.push({ at: element.start, to: element.openEnd, text: open, rank: 0 });
        edits.push({ at: element.close, to: element.close, text: items, rank: 0 });
      }
    }
    // Where a list is inserted just before one whose opening tag changes, the insertion comes first.
    edits.sort((a, b) => a.at - b.at || a.to - b.to || a.rank - b.rank);
    let out = "";
    let position = 0;
    for (const edit of edits) {
      out += xml.slice(position, edit.at) + edit.text;
      position = edit.to;
    }
    return out + xml.slice(position);
  }

  /** The number format code of cell format `style` (a cell's s; undefined is 0), "General" when it names none this part or the built-ins know. */
  numberFormatCode(style: string | undefined): string {
    const xf = this.lists.cellXfs.items[Number(style ?? "0")];
    const id = Number(xf === undefined ? 0 : (attributeValue(parseElement(xf).attributes, "numFmtId") ?? 0));
    const defined = this.lists.numFmts.items.map((item) => parseElement(item).attributes).find((attributes) => Number(attributeValue(attributes, "numFmtId")) === id);
    if (defined) return attributeValue(defined, "formatCode") ?? "General";
    // Built-in 14 is the locale's short date (18.8.30 gives "mm-dd-yy"): a chart must still read it as a date.
    if (id === 14) return "mm-dd-yy";
    return [...BUILT_IN_FORMATS].find(([, builtIn]) => builtIn === id)?.[0] ?? "General";
  }

  /** The id of a number format with `code`: a built-in, one the part defines, or a new `<numFmt>` (18.8.30, 18.8.31). */
  private numberFormat(code: string): number {
    const defined = this.lists.numFmts.items.map((item) => {
      const attributes = parseElement(item).attributes;
      return { id: Number(attributeValue(attributes, "numFmtId")), code: attributeValue(attributes, "formatCode") };
    });
    const builtIn = BUILT_IN_FORMATS.get(code);
    // A file may give a built-in id a code of its own; then that id no longer means the built-in.
    if (builtIn !== undefined && !defined.some((format) => format.id === builtIn)) return builtIn;
    const existing = defined.find((format) => format.code === code);
    if (existing) return existing.id;
    const id = Math.max(FIRST_CUSTOM_FORMAT - 1, ...defined.map((format) => format.id).filter(Number.isFinite)) + 1;
    this.lists.numFmts.add(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  /** The id of a solid fill of `color` (18.8.20 fill, 18.8.32 patternFill: a solid fill's colour is fgColor). */
  private fill(color: string): number {
    const fills = this.lists.fills;
    const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${argb(color)}"/><bgColor indexed="64"/></patternFill></fill>`;
    const found = fills.find(fill);
    if (found !== undefined) return found;
    for (let index = fills.items.length; index < RESERVED_FILLS.length; index++) fills.add(RESERVED_FILLS[index]);
    return fills.add(fill);
  }

  /** The id of a font that is font `baseId` with the colour, weight and size of `style` (18.8.22 font). */
  private font(baseId: number, style: NonNullable<CellFormat["style"]>): number {
    const fonts = this.lists.fonts;
    const base = fonts.items[baseId];
    if (base === undefined) throw new Error(`styles.xml has no font ${baseId} (its fonts list holds ${fonts.items.length}); the workbook is damaged.`);
    const font = parseElement(base);
    const before = [...(font.content ?? "").matchAll(CHILD)].map((match) => ({ name: match[1], xml: match[0] }));
    let children = before;
    const put = (name: string, xml: string | undefined) => {
      children = children.filter((child) => child.name !== name);
      if (xml) children.push({ name, xml });
    };
    if (style.bold !== undefined) put("b", style.bold ? "<b/>" : undefined);
    if (style.fontSize !== undefined) put("sz", `<sz val="${style.fontSize}"/>`);
    if (style.fontColor !== undefined) put("color", `<color rgb="${argb(style.fontColor)}"/>`);
    const text = (list: typeof children) => canonical([...list].sort((a, b) => a.name.localeCompare(b.name)).map((child) => child.xml).join(""));
    if (text(children) === text(before)) return baseId;
    const rank = (name: string) => (FONT_ORDER.includes(name) ? FONT_ORDER.indexOf(name) : FONT_ORDER.length);
    children.sort((a, b) => rank(a.name) - rank(b.name));
    return fonts.use(writeElement(font.name, font.attributes, children.map((child) => child.xml).join("")));
  }
}

/** An xf's content with its `<alignment>` (CT_Xf's first child, 18.8.45) set to wrap text at the top, or not to wrap; its other attributes kept. */
function withWrap(content: string, wrap: boolean): string {
  const match = /<alignment(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/alignment>)/.exec(content);
  if (!match && !wrap) return content;
  const current = match ? parseElement(match[0]) : { name: "alignment", attributes: [], content: undefined };
  // 18.8.1 alignment: wrapText, and vertical="top" so a wrapped cell reads from its first line.
  const attributes = wrap
    ? setAttribute(setAttribute(current.attributes, "wrapText", "1"), "vertical", "top")
    : current.attributes.filter(([name]) => name !== "wrapText");
  const alignment = writeElement("alignment", attributes, current.content);
  return match ? content.slice(0, match.index) + alignment + content.slice(match.index + match[0].length) : alignment + content;
}

/** An opening tag with its count attribute (when it has one) set to `count`. */
function withCount(open: string, count: number): string {
  return open.replace(/(\scount\s*=\s*)(?:"[^"]*"|'[^']*')/, `$1"${count}"`);
}
