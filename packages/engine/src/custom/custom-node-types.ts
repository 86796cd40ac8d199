import type { AnyNodeType } from '../define-node-type';

/**
 * Your own node types. Add a folder beside this file with one `defineNodeType(...)` object and
 * list it here: validation, the runtime, schema generation and the builder's palette pick it up.
 */
export const customNodeTypes: readonly AnyNodeType[] = [];
