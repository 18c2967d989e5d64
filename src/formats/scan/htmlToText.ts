/** Readable text out of the HTML some scan reports put inside their text (Qualys's CDATA, PCI CSV cells). */

const ENTITIES: Readonly<Record<string, string>> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", nbsp: " " };

/** Lines trimmed, runs of spaces made one, at most one blank line in a row; undefined when nothing is left. */
function tidy(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim());
  const result = lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return result === "" ? undefined : result;
}

/**
 * Text holding HTML as plain text: paragraphs and line breaks become new
 * lines, links keep their address, other tags go, and the entities HTML
 * writers escape with (which a CDATA section leaves as they are) are read.
 * Undefined when empty.
 */
export function htmlToText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const plain = text
    // A link keeps its address: "Microsoft's advisory (https://…)".
    .replace(/<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)["']?[^>]*>([\s\S]*?)<\/a\s*>/gi, (_, href: string, label: string) => {
      const shown = label.replace(/<[^>]*>/g, "").trim();
      return shown === "" || shown === href ? href : `${shown} (${href})`;
    })
    .replace(/<\s*(br|p|\/p|li|\/li|div|\/div|tr)\b[^>]*>/gi, "\n")
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith("#")) {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
  return tidy(plain);
}
