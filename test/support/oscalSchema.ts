/** NIST's OSCAL 1.1.3 POA&M schema from ../shared, compiled once with the formats it uses. */
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { sharedFile } from "./shared";

let validate: ValidateFunction | undefined;

/** Schema errors as short lines ("/path message"), so a failure says where; none when the document is valid. */
export function oscalSchemaErrors(document: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(sharedFile("corpus", "oscal", "oscal_poam_schema_v1.1.3.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  }
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
