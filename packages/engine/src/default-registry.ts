import { customNodeTypes } from './custom/custom-node-types';
import { builtinNodeTypes } from './nodes/builtin-node-types';
import { createRegistry } from './registry';

/** The built-in node types plus the project's custom ones: what the server and builder use. */
export const defaultRegistry = createRegistry(builtinNodeTypes).extend(customNodeTypes);
