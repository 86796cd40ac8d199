import { defaultRegistry } from '../default-registry';
import type { Registry } from '../registry';
import { formatProblem, type Problem } from '../validation/problem';
import { validateFlow } from '../validation/validate-flow';
import type { Output } from './output';
import { readJsonFile } from './read-json-file';

export interface ValidateOptions {
  files: string[];
  json: boolean;
  registry?: Registry;
}

/**
 * `flow validate <file>...`: prints one line per problem (the engine's own wording, naming node
 * and field) and a summary per file. Exit code 0 when every file is free of errors (warnings
 * allowed), 1 otherwise.
 */
export function validateCommand(options: ValidateOptions, out: Output): number {
  let failed = false;
  for (const file of options.files) {
    const read = readJsonFile(file);
    if (!read.ok) {
      failed = true;
      if (options.json) out.line(JSON.stringify({ file, valid: false, error: read.message }));
      else out.error(`error: ${read.message}`);
      continue;
    }
    const { problems } = validateFlow(read.value, options.registry ?? defaultRegistry);
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) failed = true;
    if (options.json) {
      out.line(JSON.stringify({ file, valid: errors === 0, problems }));
      continue;
    }
    for (const problem of sortProblems(problems)) out.line(formatProblem(problem));
    out.line(summary(file, problems));
  }
  return failed ? 1 : 0;
}

/** Errors first, so the lines that block publishing are the ones read first. */
function sortProblems(problems: Problem[]): Problem[] {
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}

function summary(file: string, problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  if (errors > 0) return `✗ ${file} is invalid: ${counts}`;
  return `✓ ${file} is valid${counts ? ` (${counts})` : ''}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
