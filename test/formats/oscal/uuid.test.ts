import { createHash } from "node:crypto";
import { uuidV5 } from "../../../src/formats/oscal/uuid";

/** RFC 4122 Appendix C: the name space for fully-qualified domain names. */
const DNS = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
const URL_NS = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** The same UUID worked out with Node's own SHA-1, as an independent check. */
function nodeUuidV5(name: string, namespace: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(Buffer.from(name, "utf8"))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe("uuidV5", () => {
  it.each([
    ["www.example.com", DNS, "2ed6657d-e927-568b-95e1-2665a8aea6a2"],
    // Python's documented example: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    ["python.org", DNS, "886313e1-3b8a-5372-9b90-0c9aee199e5d"],
  ])("gives the published UUID for %s", (name, namespace, expected) => {
    expect(uuidV5(name, namespace)).toBe(expected);
  });

  // With the 16-byte namespace in front, a 39-byte name pads within one 64-byte block and a 40-byte name needs two.
  it.each([0, 1, 39, 40, 103, 104, 1000])("agrees with Node's SHA-1 for a name of %i bytes", (length) => {
    const name = "x".repeat(length);
    expect(uuidV5(name, URL_NS)).toBe(nodeUuidV5(name, URL_NS));
    expect(uuidV5(name, DNS)).toBe(nodeUuidV5(name, DNS));
  });

  it("hashes a name as UTF-8", () => {
    const name = "Überprüfung – 測試 ✓ 🚀";
    expect(uuidV5(name, DNS)).toBe(nodeUuidV5(name, DNS));
    expect(uuidV5(name, DNS)).not.toBe(uuidV5(name.normalize("NFD"), DNS));
  });

  it("sets the version and variant bits", () => {
    expect(uuidV5("anything", DNS)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("accepts an upper-case namespace and rejects one that is not a UUID", () => {
    expect(uuidV5("www.example.com", DNS.toUpperCase())).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(() => uuidV5("x", "not-a-uuid")).toThrow(RangeError);
  });
});
