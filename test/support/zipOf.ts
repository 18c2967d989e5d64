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

/** A ZIP package of already-compressed entries (local headers, central directory, end record). */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.deflated.length, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    central.push(header, name);
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

