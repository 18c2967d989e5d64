/**
 * Bytes of a file to text, chunk by chunk: UTF-8 unless the file starts with
 * a UTF-16 byte-order mark. Bytes that are not valid UTF-8 become U+FFFD
 * rather than stopping the import; a character split between two chunks is
 * decoded whole.
 */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (!decoder) {
      const encoding = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : "utf-8";
      decoder = new TextDecoder(encoding);
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text !== "") yield text;
  }
  const rest = decoder?.decode() ?? "";
  if (rest !== "") yield rest;
}
