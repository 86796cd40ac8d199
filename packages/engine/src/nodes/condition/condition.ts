import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { ExpressionError, evaluateExpression, expressionVariables, isTruthy, parseExpression } from '../../runtime/expression';

const RESERVED_EXITS = ['else'];

/** Branches on expressions over variables: the first branch whose expression is true wins, else `else`. */
export const condition = defineNodeType({
  type: 'condition',
  version: 1,
  title: 'Condition',
  description: 'Branch on variables',
  category: 'Logic',
  icon: '🔀',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['branches'],
    properties: {
      branches: {
        type: 'array',
        title: 'Branches',
        description: 'Checked in order; the first true one is taken. Each branch is an exit, plus "Else".',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'when'],
          properties: {
            id: { type: 'string', title: 'Id', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 200 },
            label: { type: 'string', title: 'Label', description: 'Shown on the exit; the expression when empty' },
            when: {
              type: 'string',
              title: 'When',
              description:
                "An expression, e.g. age >= 18 and city == 'Lisboa'. Operators: == != < <= > >= and or not contains in startsWith + - * / %; functions len, lower, upper, number, empty.",
              minLength: 1,
              'x-placeholder': "order.total > 100 and contact.name != ''",
            },
          },
        },
      },
    },
  },
  exits: (config) => [...config.branches.map((b) => ({ id: b.id, label: b.label || b.when })), { id: 'else', label: 'Else' }],
  summary: (config) => config.branches.map((b) => `${b.label || b.id}: ${b.when}`).join('\n'),
  variables: (config) => ({ uses: [...new Set(config.branches.flatMap((b) => expressionVariables(b.when)))] }),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    const seen = new Set<string>();
    config.branches.forEach((branch, i) => {
      if (seen.has(branch.id))
        findings.push({ severity: 'error', field: `data.branches[${i}].id`, message: 'another branch has the same id' });
      seen.add(branch.id);
      if (RESERVED_EXITS.includes(branch.id))
        findings.push({
          severity: 'error',
          field: `data.branches[${i}].id`,
          message: `"${branch.id}" is reserved for the node's own exit`,
        });
      try {
        parseExpression(branch.when);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        findings.push({ severity: 'error', field: `data.branches[${i}].when`, message: error.message });
      }
    });
    return findings;
  },
  compile: (config, ctx) => ({
    always: [
      ...config.branches.map((branch) => ({ guard: ctx.guard('when', { when: branch.when }), target: ctx.exit(branch.id) })),
      { target: ctx.exit('else') },
    ],
  }),
  guards: {
    when: ({ context, params }) => isTruthy(evaluateExpression(params.when, context)),
  },
});
