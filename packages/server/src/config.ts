import { resolve } from 'node:path';
import { type AllowedHost, parseAllowedHosts } from './outbound/allowed-hosts';
import { parseTrustProxy, type TrustProxy } from './security/trust-proxy';
import type { LoginLimits } from './users/login-throttle';

/** Everything the server reads from its environment, parsed and checked once at start. */
export interface Config {
  port: number;
  /** Absolute path of the data folder: the embedded stores, the generated secret key, the admin token hash. */
  dataDir: string;
  mongodbUri?: string;
  redisUrl?: string;
  whatsapp: {
    verifyToken?: string;
    appSecret?: string;
    accessToken?: string;
    /** `WHATSAPP_BUSINESS_ACCOUNT_ID`: the account whose templates the number configured by environment sends. */
    businessAccountId?: string;
    /** Without a trailing slash, e.g. `https://graph.facebook.com/v25.0`. */
    graphUrl: string;
  };
  anthropic: { apiKey?: string; baseUrl?: string };
  adminToken?: string;
  /** 32 bytes; when unset on an embedded start, one is generated and kept in `dataDir`. */
  secretKey?: Buffer;
  rateLimits: RateLimits;
  /** `HTTP_NODE_ALLOW_HOSTS`: hosts flows may call even when they resolve to a private or loopback address. */
  httpNode: { allowHosts: AllowedHost[] };
  /** Stored media (customers' files, services' answers) is deleted this long after it came. */
  mediaRetentionHours: number;
  /** This server's address as services reach it (signed media links); `http://localhost:<port>` when unset. */
  publicUrl?: string;
  /** `TRUST_PROXY`: whose `X-Forwarded-For` names the client (rate limits); nobody's by default. */
  trustProxy: TrustProxy;
  /** `SIGNUP=open`: anyone may sign up, making a workspace they own. Closed by default. */
  signup: boolean;
}

/** Hits allowed per window, from `RATE_LIMIT_*` (see README). */
export interface RateLimits {
  windowMs: number;
  /** Per bearer token on `/api`. */
  apiPerToken: number;
  /**
   * Per client IP on `/api`, counted before authentication so bad tokens are throttled too; above
   * the per-token limit, since an office behind one address shares it.
   */
  apiPerIp: number;
  /**
   * Per client IP on `/webhooks/whatsapp`, for bodies no known app secret signs (counted before
   * they are parsed). Correctly signed webhooks are never limited: Meta sends every business's
   * traffic from a few addresses.
   */
  webhookUnsignedPerIp: number;
  /** Failed sign-ins; `defaultLoginLimits` when absent. */
  login?: LoginLimits;
}

export const defaultRateLimits: RateLimits = { windowMs: 60_000, apiPerToken: 1200, apiPerIp: 3000, webhookUnsignedPerIp: 600 };

const RATE_LIMIT_ENV: Record<Exclude<keyof RateLimits, 'login'>, string> = {
  windowMs: 'RATE_LIMIT_WINDOW_MS',
  apiPerToken: 'RATE_LIMIT_API_PER_TOKEN',
  apiPerIp: 'RATE_LIMIT_API_PER_IP',
  webhookUnsignedPerIp: 'RATE_LIMIT_WEBHOOK_UNSIGNED_PER_IP',
};

function parseRateLimits(get: (name: string) => string | undefined): RateLimits {
  const limits = { ...defaultRateLimits };
  for (const [field, name] of Object.entries(RATE_LIMIT_ENV) as [Exclude<keyof RateLimits, 'login'>, string][]) {
    const value = get(name);
    if (value === undefined) continue;
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError(`${name} must be a whole number above 0 (got "${value}")`);
    limits[field] = Number(value);
  }
  return limits;
}

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v25.0';

/** A missing or malformed setting; its message is one line naming the variable and what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * Parses and validates the environment. Throws `ConfigError` with one line for the first bad
 * setting, so `main` can print it without a stack.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Env): Config {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const mongodbUri = get('MONGODB_URI');
  const mongoProblem = mongodbUri === undefined ? undefined : mongodbUriProblem(mongodbUri);
  if (mongoProblem) throw new ConfigError(`MONGODB_URI ${mongoProblem}`);
  const embedded = mongodbUri === undefined;
  const adminToken = get('ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError(`ADMIN_TOKEN must be at least 16 characters (got ${adminToken.length}); try \`openssl rand -hex 24\``);
  }
  const secretKey = parseSecretKey(get('SECRET_KEY'));
  // With MongoDB the data folder is not shared between processes, so a generated key or token
  // would differ per process: both must be given.
  if (!embedded && !adminToken) throw new ConfigError('ADMIN_TOKEN is required when MONGODB_URI is set');
  if (!embedded && !secretKey) throw new ConfigError('SECRET_KEY is required when MONGODB_URI is set (32 bytes: `openssl rand -hex 32`)');
  const accessToken = get('WHATSAPP_ACCESS_TOKEN');
  const appSecret = get('WHATSAPP_APP_SECRET');
  if (accessToken && !appSecret) {
    throw new ConfigError('WHATSAPP_APP_SECRET is required when WHATSAPP_ACCESS_TOKEN is set (the webhook verifies signatures with it)');
  }
  const anthropicBaseUrl = optionalUrl(get, 'ANTHROPIC_BASE_URL', ['http:', 'https:']);
  const allowHosts = parseAllowedHosts(get('HTTP_NODE_ALLOW_HOSTS') ?? '');
  if ('problem' in allowHosts) throw new ConfigError(`HTTP_NODE_ALLOW_HOSTS ${allowHosts.problem}`);
  const trustProxy = parseTrustProxy(get('TRUST_PROXY'));
  if ('problem' in trustProxy) throw new ConfigError(`TRUST_PROXY ${trustProxy.problem}`);
  return {
    port: parsePort(get('PORT')),
    dataDir: resolve(get('DATA_DIR') ?? './data'),
    ...(mongodbUri ? { mongodbUri } : {}),
    ...optional('redisUrl', optionalUrl(get, 'REDIS_URL', ['redis:', 'rediss:'])),
    whatsapp: {
      ...optional('verifyToken', get('WHATSAPP_VERIFY_TOKEN')),
      ...optional('appSecret', appSecret),
      ...optional('accessToken', accessToken),
      ...optional('businessAccountId', get('WHATSAPP_BUSINESS_ACCOUNT_ID')),
      graphUrl: (optionalUrl(get, 'WHATSAPP_GRAPH_URL', ['http:', 'https:']) ?? DEFAULT_GRAPH_URL).replace(/\/+$/, ''),
    },
    anthropic: {
      ...optional('apiKey', get('ANTHROPIC_API_KEY')),
      ...optional('baseUrl', anthropicBaseUrl),
    },
    ...optional('adminToken', adminToken),
    ...optional('secretKey', secretKey),
    rateLimits: parseRateLimits(get),
    httpNode: { allowHosts: allowHosts.hosts },
    mediaRetentionHours: parseRetentionHours(get('MEDIA_RETENTION_HOURS')),
    ...optional('publicUrl', optionalUrl(get, 'PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '')),
    trustProxy: trustProxy.trust,
    signup: parseSignup(get('SIGNUP')),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function parseSignup(value: string | undefined): boolean {
  if (value === undefined || value === 'closed') return false;
  if (value === 'open') return true;
  throw new ConfigError(`SIGNUP must be "open" or "closed" (got "${value}")`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${value}")`);
  return port;
}

function parseRetentionHours(value: string | undefined): number {
  if (value === undefined) return 24;
  const hours = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || hours <= 0 || hours > 24 * 365) {
    throw new ConfigError(`MEDIA_RETENTION_HOURS must be a number of hours above 0, at most 8760 (got "${value}")`);
  }
  return hours;
}

function optionalUrl(get: (name: string) => string | undefined, name: string, protocols: string[]): string | undefined {
  const value = get(name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value may hold a password, so it is not echoed.
    throw new ConfigError(`${name} is not a valid URL (expected ${protocols.map((p) => `${p}//…`).join(' or ')})`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${url.protocol}//)`);
  }
  return value;
}

/** One `host`, `host:port`, `[ipv6]:port` or percent-encoded socket path of a MongoDB host list. */
const MONGODB_HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]+)(?::([0-9]{1,5}))?$/;

/**
 * What is wrong with a MongoDB connection string, or undefined when the driver takes it:
 * `mongodb://` with one or more comma-separated `host[:port]` (a replica set or a sharded cluster
 * lists several), or `mongodb+srv://` with one host name and no port; then an optional
 * percent-encoded `user:password@`, `/database` and `?options`. `new URL` cannot check these: a
 * host list is not a URL authority. The value may hold a password, so no part of it is quoted.
 */
function mongodbUriProblem(value: string): string | undefined {
  const scheme = value.startsWith('mongodb+srv://') ? 'mongodb+srv://' : value.startsWith('mongodb://') ? 'mongodb://' : undefined;
  if (!scheme) return 'must start with mongodb:// or mongodb+srv:// (e.g. mongodb://host:27017/chatflow)';
  const rest = value.slice(scheme.length);
  const end = rest.search(/[/?]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  const encodeHint = 'user name and password must be percent-encoded (@ as %40, : as %3A, / as %2F)';
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    const userinfo = authority.slice(0, at);
    if (userinfo === '' || userinfo.startsWith(':')) return 'has an empty user name before "@"';
    if (/[@/?#[\]]/.test(userinfo) || userinfo.split(':').length > 2) return encodeHint;
    try {
      decodeURIComponent(userinfo);
    } catch {
      return 'has a user name or password with a broken %-escape';
    }
  }
  // A password with an unescaped "/" or "?" ends the host list early and leaves its "@" behind.
  if (/^[^?]*@/.test(tail)) return encodeHint;
  const hostList = authority.slice(at + 1);
  if (!hostList) return 'names no host (e.g. mongodb://host:27017/chatflow)';
  const hosts = hostList.split(',');
  for (const [i, host] of hosts.entries()) {
    const match = MONGODB_HOST.exec(host);
    const which = hosts.length > 1 ? `host ${i + 1} of ${hosts.length}` : 'the host';
    if (!match) return `has an invalid ${which} (expected host or host:port)`;
    const port = match[2] === undefined ? undefined : Number(match[2]);
    if (port !== undefined && (port < 1 || port > 65535)) return `has a port out of range in ${which} (1 to 65535)`;
    if (scheme === 'mongodb+srv://' && port !== undefined) return 'must not give a port with mongodb+srv:// (DNS names the ports)';
  }
  if (scheme === 'mongodb+srv://' && hosts.length > 1) return 'must name one host with mongodb+srv:// (DNS lists the members)';
  if (!/^(\/[^/?#]*)?(\?[^#]*)?$/.test(tail)) return 'has an invalid database name or options (expected /database?option=value)';
  return undefined;
}

/** Accepts 64 hex characters or base64 of exactly 32 bytes. */
function parseSecretKey(value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new ConfigError('SECRET_KEY must be 32 bytes written as 64 hex characters or base64 (generate one with `openssl rand -hex 32`)');
}
