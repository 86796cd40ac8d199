import { readFileSync } from 'node:fs';
import { locateJsonError } from './json-error-location';

export type ReadResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Reads and parses a JSON file without throwing: a missing file, a directory or bad JSON comes
 * back as one readable sentence (with line and column for bad JSON), never a stack trace.
 */
export function readJsonFile(path: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read ${path}: ${describeFsError(error)}` };
  }
  // Editors on Windows may save a byte order mark; JSON.parse rejects it, people never see it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const where = locateJsonError(text);
    const reason = cleanParseMessage(error instanceof Error ? error.message : String(error));
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    return { ok: false, message: `${path} is not valid JSON${at}: ${reason}` };
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** V8 appends an offset or a quote of the whole text; the line and column say it better. */
function cleanParseMessage(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'the text ends too early');
}
