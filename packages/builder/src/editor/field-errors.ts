import type { Problem } from '@chatflow/engine';

/**
 * The messages of a node's problems by config field, for the form: `data.options[0].label`
 * becomes `options[0].label`, and problems on the config as a whole land on the empty path.
 */
export function fieldErrors(problems: readonly Problem[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.field !== 'data' && !problem.field.startsWith('data.') && !problem.field.startsWith('data[')) continue;
    const field = problem.field.replace(/^data\.?/, '');
    byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  return byField;
}
