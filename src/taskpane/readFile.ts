import { PoamError } from "../domain/core/errors";

/** A file's (or a slice's) bytes, through FileReader, which every host webview has; `unreadable` is the message when it fails. */
export function readBytes(blob: Blob, unreadable: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new PoamError("invalidInput", unreadable));
    reader.readAsArrayBuffer(blob);
  });
}
