import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';

/**
 * Goes to another node of this flow without drawing an edge across the canvas, or hands the
 * conversation to another flow: it emits `flow.jump` and ends here, and the host starts that flow.
 */
export const jump = defineNodeType({
  type: 'jump',
  version: 1,
  title: 'Jump',
  description: 'Go to another node or flow',
  category: 'Logic',
  icon: '↪️',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      to: {
        enum: ['node', 'flow'],
        title: 'Jump to',
        description: 'A node of this flow, or the start of another flow',
        default: 'node',
      },
      node: { type: 'string', title: 'Node', description: 'The id of a node in this flow', minLength: 1, 'x-widget': 'node' },
      flowId: {
        type: 'string',
        title: 'Flow',
        description: 'The id of another flow; this conversation ends and that flow starts',
        pattern: '^[A-Za-z0-9_-]+$',
        'x-widget': 'flow',
      },
    },
    if: { properties: { to: { const: 'flow' } }, required: ['to'] },
    then: { required: ['flowId'] },
    else: { required: ['node'] },
  },
  exits: () => [],
  summary: (config) => (config.to === 'flow' ? `→ flow ${config.flowId}` : `→ ${config.node}`),
  links: (config) => (config.to === 'flow' || !config.node ? [] : [config.node]),
  checks: (config, ctx) => {
    const findings: CheckFinding[] = [];
    if (config.to !== 'flow' && config.node === ctx.nodeId)
      findings.push({ severity: 'error', field: 'data.node', message: 'jumps to itself, which would loop forever' });
    return findings;
  },
  compile: (config, ctx) => {
    if (config.to === 'flow' && config.flowId)
      return {
        type: 'final',
        entry: [ctx.effect({ type: 'flow.jump', flowId: config.flowId }), ctx.effect({ type: 'conversation.end', outcome: 'jump' })],
      };
    return { always: { target: `#${config.node}` } };
  },
});
