/**
 * ZIP packages put together from already-compressed entries, for the tests
 * and the benchmark's hostile files: a part can unpack to hundreds of
 * megabytes without those megabytes ever being held.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  readonly name: string;
  /** Raw DEFLATE data. */
  readonly deflated: Buffer;
  readonly size: number;
  readonly crc: number;
}

/**
 * A header of `length` bytes with `signature`, and from `at` the fields the
 * local header and the central directory share in the same order: version
 * needed (2.0), flags, method (DEFLATE), time, date, CRC-32, sizes and the
 * name's length (APPNOTE.TXT 4.3.7 and 4.3.12; the central one has "version
 * made by" before them).
 */
function header(length: number, signature: number, at: number, entry: ZipEntry, nameLength: number): Buffer {
  const bytes = Buffer.alloc(length);
  bytes.writeUInt32LE(signature, 0);
  bytes.writeUInt16LE(20, at);
  bytes.writeUInt16LE(8, at + 4);
  bytes.writeUInt16LE(0x21, at + 8);
  bytes.writeUInt32LE(entry.crc >>> 0, at + 10);
  bytes.writeUInt32LE(entry.deflated.length, at + 14);
  bytes.writeUInt32LE(entry.size, at + 18);
  bytes.writeUInt16LE(nameLength, at + 22);
  return bytes;
}

/** A ZIP package of already-compressed entries (local headers, central directory, end record). */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = header(30, 0x04034b50, 4, entry, name.length);
    const listed = header(46, 0x02014b50, 6, entry, name.length);
    listed.writeUInt16LE(20, 4);
    listed.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    central.push(listed, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An entry holding `data`, compressed. */
export const entryOf = (name: string, data: Uint8Array): ZipEntry => ({ name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) });

/**
 * `head`, then `body` `times` over, then `tail`, as one DEFLATE stream made
 * without ever holding the whole text: each piece is compressed on its own
 * and flushed to a byte boundary, so the compressed pieces simply follow one
 * another (the body's is repeated).
 */
export function repeated(head: string, body: string, times: number, tail: string): { deflated: Buffer; size: number } {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  const bodyDeflated = flushed(body);
  const deflated = Buffer.concat([flushed(head), ...Array.from({ length: times }, () => bodyDeflated), deflateRawSync(Buffer.from(tail))]);
  return { deflated, size: head.length + body.length * times + tail.length };
}

