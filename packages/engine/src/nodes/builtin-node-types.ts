import type { AnyNodeType } from '../define-node-type';
import { end } from './end/end';
import { handoff } from './handoff/handoff';
import { menu } from './menu/menu';
import { message } from './message/message';

/** Every built-in node type, in palette order. */
export const builtinNodeTypes: readonly AnyNodeType[] = [message, menu, handoff, end];
