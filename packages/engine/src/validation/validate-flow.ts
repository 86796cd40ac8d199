import type { AnyNodeType, Exit } from '../define-node-type';
import type { FlowDocument, FlowNode } from '../flow-document';
import { flowSchema } from '../flow-schema';
import type { Registry } from '../registry';
import { SECRET_NAME, SECRETS_ROOT } from '../runtime/secret-placeholder';
import { templateVariables } from '../runtime/template';
import type { Problem } from './problem';
import { describeSchemaError, isNoise, joinPath } from './schema-errors';
import { createAjv, createSchemaCache } from './schema-validator';

const ajv = createAjv();
const compileSchema = createSchemaCache(ajv);

/** A node that passed its schema, with defaults filled in. */
export interface CheckedNode {
  node: FlowNode;
  definition: AnyNodeType;
  config: Record<string, unknown>;
  exits: Exit[];
}

export interface FlowCheck {
  problems: Problem[];
  /** Nodes whose config is valid, by id; compile reads these. */
  nodes: Map<string, CheckedNode>;
}

/**
 * Checks a flow document against the flow schema, each node type's schema and checks, and the
 * graph (start, edges, exits, reachability, variables). Never throws for a bad document.
 */
export function validateFlow(input: unknown, registry: Registry): FlowCheck {
  const validateDocument = compileSchema(flowSchema);
  if (!validateDocument(input)) {
    return { problems: documentProblems(input, validateDocument.errors ?? []), nodes: new Map() };
  }
  const flow = input as FlowDocument;
  const problems: Problem[] = [];
  const nodes = checkNodes(flow, registry, problems);
  checkGraph(flow, nodes, problems);
  checkVariables(flow, nodes, problems);
  checkTests(flow, problems);
  return { problems, nodes };
}

function documentProblems(input: unknown, errors: NonNullable<ReturnType<typeof compileSchema>['errors']>): Problem[] {
  const nodes = (input as { nodes?: unknown[] } | null)?.nodes;
  const edges = (input as { edges?: unknown[] } | null)?.edges;
  return errors
    .filter((e) => !isNoise(e))
    .map((error) => {
      const { field, message } = describeSchemaError(error);
      const item = /^(nodes|edges)\[(\d+)\]\.?(.*)$/.exec(field);
      if (item) {
        const list = item[1] === 'nodes' ? nodes : edges;
        const id = (list?.[Number(item[2])] as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string') {
          const key = item[1] === 'nodes' ? 'nodeId' : 'edgeId';
          return { severity: 'error', code: 'schema', [key]: id, field: item[3] || 'id', message };
        }
      }
      return { severity: 'error', code: 'schema', field: field || '(document)', message };
    });
}

function checkNodes(flow: FlowDocument, registry: Registry, problems: Problem[]): Map<string, CheckedNode> {
  const nodes = new Map<string, CheckedNode>();
  const seen = new Set<string>();
  for (const node of flow.nodes) {
    if (seen.has(node.id)) {
      problems.push({ severity: 'error', code: 'duplicate-node', nodeId: node.id, field: 'id', message: 'another node has the same id' });
      continue;
    }
    seen.add(node.id);
    const definition = registry.get(node.type);
    if (!definition) {
      const known = registry
        .list()
        .map((t) => t.type)
        .join(', ');
      problems.push({
        severity: 'error',
        code: 'unknown-type',
        nodeId: node.id,
        field: 'type',
        message: `unknown node type "${node.type}" (known: ${known})`,
      });
      continue;
    }
    const config = JSON.parse(JSON.stringify(node.data)) as Record<string, unknown>;
    const validate = compileSchema(definition.configSchema as object);
    if (!validate(config)) {
      for (const error of (validate.errors ?? []).filter((e) => !isNoise(e))) {
        const { field, message } = describeSchemaError(error);
        problems.push({ severity: 'error', code: 'schema', nodeId: node.id, field: joinPath('data', field), message });
      }
      continue;
    }
    for (const finding of definition.checks?.(config, { flow, nodeId: node.id }) ?? []) {
      problems.push({ severity: finding.severity, code: 'check', nodeId: node.id, field: finding.field, message: finding.message });
    }
    nodes.set(node.id, { node, definition, config, exits: definition.exits(config) });
  }
  return nodes;
}

function checkGraph(flow: FlowDocument, nodes: Map<string, CheckedNode>, problems: Problem[]): void {
  const ids = new Set(flow.nodes.map((n) => n.id));
  if (!ids.has(flow.start)) {
    problems.push({ severity: 'error', code: 'missing-start', field: 'start', message: `start node "${flow.start}" does not exist` });
  }
  const used = new Set<string>();
  const edgeIds = new Set<string>();
  const next = new Map<string, string[]>();
  flow.edges.forEach((edge, index) => {
    const at = `edges[${index}]`;
    if (edgeIds.has(edge.id)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-edge',
        edgeId: edge.id,
        field: `${at}.id`,
        message: 'another edge has the same id',
      });
    }
    edgeIds.add(edge.id);
    if (!ids.has(edge.source)) {
      problems.push({
        severity: 'error',
        code: 'dangling-edge',
        edgeId: edge.id,
        field: `${at}.source`,
        message: `source node "${edge.source}" does not exist`,
      });
      return;
    }
    if (!ids.has(edge.target)) {
      problems.push({
        severity: 'error',
        code: 'dangling-edge',
        nodeId: edge.source,
        edgeId: edge.id,
        field: `exits.${edge.sourceHandle ?? 'next'}`,
        message: `edge "${edge.id}" goes to node "${edge.target}", which does not exist`,
      });
      return;
    }
    const source = nodes.get(edge.source);
    const handle = edge.sourceHandle ?? 'next';
    if (source && !source.exits.some((exit) => exit.id === handle)) {
      problems.push({
        severity: 'error',
        code: 'unknown-exit',
        nodeId: edge.source,
        edgeId: edge.id,
        field: `exits.${handle}`,
        message: `edge "${edge.id}" leaves exit "${handle}", which this node does not have`,
      });
      return;
    }
    const key = `${edge.source}\u0000${handle}`;
    if (used.has(key)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-exit-edge',
        nodeId: edge.source,
        edgeId: edge.id,
        field: `exits.${handle}`,
        message: `exit "${handle}" has more than one edge`,
      });
    }
    used.add(key);
    next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  });
  for (const [id, checked] of nodes) {
    for (const exit of checked.exits) {
      if (!used.has(`${id}\u0000${exit.id}`)) {
        problems.push({
          severity: 'warning',
          code: 'open-exit',
          nodeId: id,
          field: `exits.${exit.id}`,
          message: `exit "${exit.label}" is not connected; the conversation ends there`,
        });
      }
    }
    for (const target of checked.definition.links?.(checked.config) ?? []) {
      if (!ids.has(target)) {
        problems.push({
          severity: 'error',
          code: 'dangling-jump',
          nodeId: id,
          field: 'data.node',
          message: `jumps to node "${target}", which does not exist`,
        });
      }
      next.set(id, [...(next.get(id) ?? []), target]);
    }
  }
  const reached = new Set<string>();
  const queue = ids.has(flow.start) ? [flow.start] : [];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  if (reached.size > 0) {
    for (const id of ids) {
      if (!reached.has(id)) {
        problems.push({
          severity: 'warning',
          code: 'unreachable',
          nodeId: id,
          field: 'id',
          message: 'no path from the start node reaches this node',
        });
      }
    }
  }
}

function checkVariables(flow: FlowDocument, nodes: Map<string, CheckedNode>, problems: Problem[]): void {
  const set = new Set((flow.variables ?? []).map((v) => v.name));
  for (const checked of nodes.values()) {
    for (const name of checked.definition.variables?.(checked.config).sets ?? []) set.add(name);
  }
  for (const [id, checked] of nodes) {
    const uses = new Map<string, string>();
    collectTemplates(checked.config, 'data', uses);
    for (const name of checked.definition.variables?.(checked.config).uses ?? []) uses.set(name, 'data');
    for (const [name, field] of uses) {
      const root = name.split('.')[0] as string;
      if (root === 'contact' || set.has(root)) continue;
      if (root === SECRETS_ROOT) {
        checkSecretName(id, field, name, problems);
        continue;
      }
      problems.push({
        severity: 'warning',
        code: 'unset-variable',
        nodeId: id,
        field,
        message: `uses variable "${root}", which nothing sets`,
      });
    }
  }
}

/** `{{secrets.NAME}}` is filled by the host; only a name it could never hold is worth a warning. */
function checkSecretName(nodeId: string, field: string, path: string, problems: Problem[]): void {
  const name = path.slice(SECRETS_ROOT.length + 1);
  if (SECRET_NAME.test(name)) return;
  problems.push({
    severity: 'warning',
    code: 'secret-name',
    nodeId,
    field,
    message: `"${path}" is not a secret name like secrets.SHOP_KEY (upper-case letters, digits and _)`,
  });
}

function collectTemplates(value: unknown, path: string, into: Map<string, string>): void {
  if (typeof value === 'string') {
    for (const name of templateVariables(value)) if (!into.has(name)) into.set(name, path);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectTemplates(item, `${path}[${i}]`, into);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectTemplates(item, `${path}.${key}`, into);
  }
}

/** A test's name says which one failed, so names are unique; an `expectNode` names a node of this flow. */
function checkTests(flow: FlowDocument, problems: Problem[]): void {
  const ids = new Set(flow.nodes.map((n) => n.id));
  const names = new Set<string>();
  for (const [t, test] of (flow.tests ?? []).entries()) {
    if (names.has(test.name)) {
      problems.push({
        severity: 'error',
        code: 'duplicate-test',
        field: `tests[${t}].name`,
        message: `another test is named "${test.name}"`,
      });
    }
    names.add(test.name);
    for (const [s, step] of test.steps.entries()) {
      if ('expectNode' in step && !ids.has(step.expectNode)) {
        problems.push({
          severity: 'error',
          code: 'unknown-test-node',
          field: `tests[${t}].steps[${s}].expectNode`,
          message: `test "${test.name}" expects node "${step.expectNode}", which this flow does not have`,
        });
      }
    }
  }
}
