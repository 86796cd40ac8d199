import type { Redactor } from './redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured logging: one JSON line per entry, secrets masked before anything is written. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every entry. */
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  redactor: Redactor;
  level?: LogLevel;
  /** Where lines go; stdout by default. */
  write?: (line: string) => void;
}

/**
 * Creates the server's logger.
 *
 * @example
 * const log = createLogger({ redactor });
 * log.info('channel saved', { phoneNumberId, accessToken }); // accessToken is written as [redacted]
 */
export function createLogger(options: LoggerOptions, bound: Record<string, unknown> = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[level] < min) return;
      const entry = options.redactor.redact({ level, time: new Date().toISOString(), msg: message, ...bound, ...fields });
      write(JSON.stringify(entry));
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}
