import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { ExpressionError, evaluateExpression, expressionVariables, parseExpression } from '../../runtime/expression';
import { interpolate, lookup, templateVariables } from '../../runtime/template';

interface Assignment {
  name: string;
  value: string;
  mode?: 'template' | 'expression';
}

/** A template that is one placeholder and nothing else, e.g. `{{order.total}}`. */
const SINGLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}$/;

/** Sets one or more variables, from templates or expressions, in order, then moves on. */
export const setVariable = defineNodeType({
  type: 'set-variable',
  version: 1,
  title: 'Set variable',
  description: 'Set or compute variables',
  category: 'Logic',
  icon: '🧮',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['assignments'],
    properties: {
      assignments: {
        type: 'array',
        title: 'Variables',
        description: 'Set in order, so a later value can use an earlier one',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'value'],
          properties: {
            name: { type: 'string', title: 'Variable', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            mode: {
              enum: ['template', 'expression'],
              title: 'Value is',
              description: 'Template: text with {{variables}}. Expression: computed, e.g. count + 1',
              default: 'template',
            },
            value: { type: 'string', title: 'Value', 'x-placeholder': 'Hello {{contact.name}}' },
          },
        },
      },
    },
  },
  exits: () => [{ id: 'next', label: 'Next' }],
  summary: (config) => config.assignments.map((a) => `${a.name} = ${a.value}`).join('\n'),
  variables: (config) => ({
    sets: config.assignments.map((a) => a.name),
    uses: [...new Set(config.assignments.flatMap((a) => (a.mode === 'expression' ? expressionVariables(a.value) : [])))],
  }),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    config.assignments.forEach((assignment, i) => {
      if (assignment.mode !== 'expression') return;
      try {
        parseExpression(assignment.value);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        findings.push({ severity: 'error', field: `data.assignments[${i}].value`, message: error.message });
      }
      if (templateVariables(assignment.value).length > 0)
        findings.push({
          severity: 'error',
          field: `data.assignments[${i}].value`,
          message: 'an expression names variables directly (count + 1), without {{ }}',
        });
    });
    return findings;
  },
  compile: (config, ctx) => ({
    entry: [ctx.action('assign', { assignments: config.assignments })],
    always: { target: ctx.exit('next') },
  }),
  actions: {
    assign: ({ context, params }) => {
      const vars: Record<string, unknown> = {};
      for (const assignment of params.assignments as Assignment[]) {
        // Each value sees the ones set before it in the same node.
        const scope = { ...context, vars: { ...context.vars, ...vars } };
        vars[assignment.name] =
          assignment.mode === 'expression' ? evaluateExpression(assignment.value, scope) : fromTemplate(assignment.value, scope);
      }
      return { vars };
    },
  },
});

/** A template that is exactly one `{{placeholder}}` copies the value as it is (a number stays a number). */
function fromTemplate(template: string, scope: Parameters<typeof interpolate>[1]): unknown {
  const single = SINGLE_PLACEHOLDER.exec(template.trim());
  if (single) return lookup(scope, single[1] as string) ?? null;
  return interpolate(template, scope);
}
