/**
 * `{{secrets.NAME}}` names a workspace secret (an API key). The engine never holds secret values:
 * it leaves these placeholders as they are in the requests it builds, and the host fills them just
 * before sending, so no value enters variables, snapshots or records.
 */
export const SECRETS_ROOT = 'secrets';

/** What a secret may be called: upper-case letters, digits and `_`, starting with a letter. */
export const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A `{{secrets.NAME}}` placeholder anywhere in a text; group 1 is the name. */
export const SECRET_PLACEHOLDER = /\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g;

/** Whether a placeholder path (`secrets.SHOP_KEY`) names a secret rather than a variable. */
export function isSecretPath(path: string): boolean {
  return path.split('.')[0] === SECRETS_ROOT;
}
