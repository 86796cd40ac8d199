/** What the conversation pipeline logs through; the app shell passes its own (pino-like) logger. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Warnings and errors to stderr as one JSON line each; info is dropped. */
export const stderrLogger: Logger = {
  info: () => {},
  warn: (message, details) => console.warn(JSON.stringify({ level: 'warn', message, ...details })),
  error: (message, details) => console.error(JSON.stringify({ level: 'error', message, ...details })),
};
