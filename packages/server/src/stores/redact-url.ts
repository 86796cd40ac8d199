/**
 * A service URL safe to print: the password (and anything after `user:` in the authority) is
 * replaced, because connection errors end up in logs.
 *
 * @example
 * redactUrl('mongodb://app:s3cret@db:27017/chatflow'); // 'mongodb://app:***@db:27017/chatflow'
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_, scheme: string, credentials: string) => {
    const user = credentials.split(':')[0] ?? '';
    return `${scheme}${user ? `${user}:` : ':'}***@`;
  });
}
