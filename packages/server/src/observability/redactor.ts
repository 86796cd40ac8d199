const SECRET_KEY_NAME = /token|secret|password|passwd|authorization|api[-_]?key|cookie|private[-_]?key/i;
const SECRET_IN_QUERY = /([?&](?:token|access_token|hub\.verify_token)=)[^&\s"']+/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const MASK = '[redacted]';
/** Shorter values would mask ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Removes secrets from anything about to be logged. */
export interface Redactor {
  /** Masks this exact value wherever it appears from now on (a configured or decrypted token). */
  add(secret: string | undefined): void;
  redact(value: unknown): unknown;
  redactText(text: string): string;
}

/**
 * Masks secrets three ways: fields whose name says secret (`accessToken`, `authorization`...),
 * known secret values anywhere in text, and token-shaped fragments (`Bearer …`, `?token=…`).
 */
export function createRedactor(secrets: (string | undefined)[] = []): Redactor {
  const known = new Set<string>();
  const add = (secret: string | undefined) => {
    if (secret && secret.length >= MIN_SECRET_LENGTH) known.add(secret);
  };
  for (const secret of secrets) add(secret);

  const redactText = (text: string): string => {
    let out = text.replace(BEARER, `$1${MASK}`).replace(SECRET_IN_QUERY, `$1${MASK}`);
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };

  const redact = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (value instanceof Error)
      return { name: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_KEY_NAME.test(key) && item ? MASK : redact(item, depth + 1)]),
    );
  };

  return { add, redact: (value) => redact(value), redactText };
}
