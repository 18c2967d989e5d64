/**
 * Bytes of a file to text, chunk by chunk: UTF-16 when the file starts with
 * a UTF-16 byte-order mark; else the encoding an XML declaration names
 * (`<?xml version="1.0" encoding="ISO-8859-1"?>`), when it is one text
 * decoders know; else UTF-8. Bytes that are not valid in the encoding become
 * U+FFFD rather than stopping the import; a character split between two
 * chunks is decoded whole.
 */
import { PoamError } from "../../domain/core/errors";

/** How far into a file its XML declaration may run (it is the first thing in it). */
const DECLARATION_BYTES = 1024;

/** The encoding an XML declaration at the start of `head` names, if any. */
export function declaredEncoding(head: Uint8Array): string | undefined {
  let text = "";
  // The declaration is ASCII in any ASCII-compatible encoding: read it byte by byte, up to its end.
  for (let i = 0; i < head.length && i < DECLARATION_BYTES; i++) {
    text += String.fromCharCode(head[i]);
    if (text.endsWith("?>")) break;
  }
  const declaration = /^(?:\u00ef\u00bb\u00bf)?<\?xml\s[^?]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(text);
  return declaration?.[2];
}

function decoderFor(head: Uint8Array): InstanceType<typeof TextDecoder> {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be");
  const declared = declaredEncoding(head);
  // A UTF-16 name in a declaration read as ASCII contradicts itself; the bytes say UTF-8 (or a cousin), so read them so.
  if (declared === undefined || /^utf-?16/i.test(declared)) return new TextDecoder("utf-8");
  try {
    return new TextDecoder(declared);
  } catch {
    throw new PoamError("invalidInput", `The file's XML declaration names the encoding "${declared}", which cannot be read here. Save the report as UTF-8 and try again.`);
  }
}

export async function* decodeChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  // The first bytes are held until the declaration, if any, can be read whole.
  let head: Uint8Array | undefined = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    let bytes = chunk;
    if (head) {
      const joined: Uint8Array = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      if (joined.length < DECLARATION_BYTES && !declarationEnded(joined)) {
        head = joined;
        continue;
      }
      head = undefined;
      bytes = joined;
      decoder = decoderFor(bytes);
    }
    const text = (decoder as InstanceType<typeof TextDecoder>).decode(bytes, { stream: true });
    if (text !== "") yield text;
  }
  if (head && head.length > 0) {
    decoder = decoderFor(head);
    const text = decoder.decode(head, { stream: true });
    if (text !== "") yield text;
  }
  const rest = decoder?.decode() ?? "";
  if (rest !== "") yield rest;
}

/** Whether `bytes` hold enough to decide: a declaration's end, or a start that is no declaration. */
function declarationEnded(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef ? 3 : 0;
  const opening = [0x3c, 0x3f, 0x78, 0x6d, 0x6c]; // "<?xml"
  for (let i = 0; i < opening.length && start + i < bytes.length; i++) if (bytes[start + i] !== opening[i]) return true;
  for (let i = start + 1; i < bytes.length; i++) if (bytes[i - 1] === 0x3f && bytes[i] === 0x3e) return true;
  return false;
}
