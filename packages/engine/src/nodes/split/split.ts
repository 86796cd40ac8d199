import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { stickyFraction } from './sticky-fraction';

interface Branch {
  id: string;
  label?: string;
  weight: number;
}

/**
 * An A/B split: each contact takes one of the weighted branches, and the same one every time it
 * comes back (chosen by a hash of the contact and the node, not at random), so a customer never
 * sees both versions. The branch can be saved in a variable; each branch is an exit, so the
 * flow's per-node counts compare them.
 */
export const split = defineNodeType({
  type: 'split',
  version: 1,
  title: 'A/B split',
  description: 'Send contacts down weighted branches',
  category: 'Logic',
  icon: '⚖️',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['branches'],
    properties: {
      branches: {
        type: 'array',
        title: 'Branches',
        description: 'Each contact takes one, in proportion to the weights, and keeps it. Each branch is an exit.',
        minItems: 2,
        maxItems: 10,
        default: [
          { id: 'a', label: 'A', weight: 50 },
          { id: 'b', label: 'B', weight: 50 },
        ],
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'weight'],
          properties: {
            id: { type: 'string', title: 'Id', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 200 },
            label: { type: 'string', title: 'Label', maxLength: 100 },
            weight: {
              type: 'number',
              title: 'Weight',
              description: 'Relative share, e.g. 50 and 50, or 90 and 10',
              minimum: 0,
              maximum: 1000,
            },
          },
        },
      },
      variable: {
        type: 'string',
        title: 'Save the branch in',
        description: 'A variable that holds the branch id, e.g. for a condition later or a report',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      },
    },
  },
  exits: (config) => config.branches.map((b) => ({ id: b.id, label: `${b.label || b.id} (${share(config.branches, b)}%)` })),
  summary: (config) => config.branches.map((b) => `${b.label || b.id}: ${share(config.branches, b)}%`).join('\n'),
  variables: (config) => (config.variable ? { sets: [config.variable] } : {}),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    const seen = new Set<string>();
    config.branches.forEach((branch, i) => {
      if (seen.has(branch.id))
        findings.push({ severity: 'error', field: `data.branches[${i}].id`, message: 'another branch has the same id' });
      seen.add(branch.id);
    });
    if (config.branches.every((b) => b.weight === 0))
      findings.push({ severity: 'error', field: 'data.branches', message: 'at least one branch needs a weight above 0' });
    return findings;
  },
  compile: (config, ctx) => {
    const branches = config.branches.map(({ id, weight }) => ({ id, weight }));
    return {
      always: config.branches.map((branch) => ({
        guard: ctx.guard('takes', { branch: branch.id, branches, nodeId: ctx.nodeId }),
        target: ctx.exit(branch.id),
        ...(config.variable ? { actions: [ctx.action('save', { variable: config.variable, branch: branch.id })] } : {}),
      })),
    };
  },
  guards: {
    takes: ({ context, params }) => chosen(params.branches, stickyFraction(`${context.contact.id}:${params.nodeId}`)) === params.branch,
  },
  actions: {
    save: ({ params }) => ({ vars: { [params.variable]: params.branch } }),
  },
});

/** The branch a point in [0, 1) falls in, the branches laid end to end by weight. */
function chosen(branches: readonly Branch[], point: number): string | undefined {
  const total = branches.reduce((sum, b) => sum + b.weight, 0);
  let edge = 0;
  for (const branch of branches) {
    edge += branch.weight / total;
    if (point < edge && branch.weight > 0) return branch.id;
  }
  return [...branches].reverse().find((b) => b.weight > 0)?.id;
}

function share(branches: readonly Branch[], branch: Branch): number {
  const total = branches.reduce((sum, b) => sum + b.weight, 0);
  return total > 0 ? Math.round((branch.weight / total) * 100) : 0;
}
