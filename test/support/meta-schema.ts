import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';

const extract = JSON.parse(readFileSync(new URL('../fixtures/meta-cloud-api-v23.0-requests.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ ...extract, $id: 'meta' });
const validators = {
  message: ajv.getSchema('meta#/message'),
  readReceipt: ajv.getSchema('meta#/readReceipt'),
  mediaUploadForm: ajv.getSchema('meta#/mediaUploadForm'),
};

/** Which of Meta's published request bodies a request must match. */
export type MetaRequestKind = keyof typeof validators;

/**
 * Checks a request body the server sent against Meta's published schema (the v23.0 extract in
 * test/fixtures). Returns a readable violation, or undefined when the body matches.
 *
 * @example
 * metaSchemaViolation('readReceipt', { messaging_product: 'whatsapp', status: 'read' });
 * // "readReceipt: must have required property 'message_id' at /"
 */
export function metaSchemaViolation(kind: MetaRequestKind, body: unknown): string | undefined {
  const validate = kind === 'message' ? (messageOfType(body) ?? validators.message) : validators[kind];
  if (!validate) throw new Error(`meta schema extract lacks ${kind}`);
  if (validate(body)) return undefined;
  return `${kind}: ${describe(validate.errors ?? [])} in ${JSON.stringify(body)}`;
}

/** The schema for the body's `type` (Meta's discriminator), so a violation names that branch's fault. */
function messageOfType(body: unknown) {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !/^[a-z]+$/.test(type)) return undefined;
  return ajv.getSchema(`meta#/$defs/${type[0]?.toUpperCase()}${type.slice(1)}Message`);
}

function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.message} at ${e.instancePath || '/'}`)
    .join('; ');
}
