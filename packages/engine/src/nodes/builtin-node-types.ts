import type { AnyNodeType } from '../define-node-type';
import { ai } from './ai/ai';
import { condition } from './condition/condition';
import { end } from './end/end';
import { handoff } from './handoff/handoff';
import { http } from './http/http';
import { jump } from './jump/jump';
import { menu } from './menu/menu';
import { message } from './message/message';
import { order } from './order/order';
import { question } from './question/question';
import { setVariable } from './set-variable/set-variable';
import { split } from './split/split';
import { wait } from './wait/wait';

/** Every built-in node type, in palette order. */
export const builtinNodeTypes: readonly AnyNodeType[] = [
  message,
  question,
  menu,
  condition,
  split,
  setVariable,
  jump,
  wait,
  http,
  handoff,
  ai,
  order,
  end,
];
