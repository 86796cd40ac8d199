import type { FlowDocument } from '@chatflow/engine';

type Node = FlowDocument['nodes'][number];
const at = (i: number) => ({ x: (i % 4) * 280, y: Math.floor(i / 4) * 180 });
const node = (id: string, type: string, data: Record<string, unknown>, i: number): Node => ({
  id,
  type,
  version: 1,
  position: at(i),
  data,
});

/**
 * A 20-node drink-order flow of the everyday node types: 10 messages, 3 menus, 2 questions,
 * 2 conditions and 3 set-variables. It loops (order again?), so a conversation runs as long as
 * the benchmark wants; each loop takes 5 user messages.
 */
export const twentyNodeFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'bench-twenty',
  name: 'Benchmark: twenty nodes',
  start: 'welcome',
  variables: [{ name: 'visits', type: 'number', default: 0 }],
  nodes: [
    node('welcome', 'message', { text: 'Hi {{contact.name}}, welcome to the café!' }, 0),
    node('count', 'set-variable', { assignments: [{ name: 'visits', mode: 'expression', value: 'visits + 1' }] }, 1),
    node(
      'drink',
      'menu',
      {
        text: 'What would you like? (order {{visits}})',
        variable: 'drink',
        options: [
          { id: 'coffee', label: 'Coffee' },
          { id: 'tea', label: 'Tea' },
          { id: 'juice', label: 'Juice' },
        ],
      },
      2,
    ),
    node('coffee', 'message', { text: 'Coffee it is.' }, 3),
    node('tea', 'message', { text: 'Tea it is.' }, 4),
    node('juice', 'message', { text: 'Juice it is.' }, 5),
    node('note', 'set-variable', { assignments: [{ name: 'note', value: '{{drink}} for {{contact.name}}' }] }, 6),
    node('cups', 'question', { text: 'How many cups?', variable: 'cups', answerType: 'number', min: 1, max: 10, integer: true }, 7),
    node('big', 'condition', { branches: [{ id: 'large', when: 'cups > 3' }] }, 8),
    node('large', 'message', { text: "That's a big order!" }, 9),
    node('small', 'message', { text: 'Coming right up.' }, 10),
    node('total', 'set-variable', { assignments: [{ name: 'total', mode: 'expression', value: 'cups * 2.5' }] }, 11),
    node('name', 'question', { text: 'Name for the order?', variable: 'customer', answerType: 'text', maxLength: 40 }, 12),
    node('long', 'condition', { branches: [{ id: 'yes', when: 'len(customer) > 10' }] }, 13),
    node('long-name', 'message', { text: 'What a long name, {{customer}}!' }, 14),
    node('short-name', 'message', { text: 'Thanks, {{customer}}.' }, 15),
    node(
      'confirm',
      'menu',
      {
        text: 'Confirm {{cups}} × {{drink}} for {{total}}?',
        options: [
          { id: 'yes', label: 'Confirm' },
          { id: 'no', label: 'Cancel' },
        ],
      },
      16,
    ),
    node('confirmed', 'message', { text: 'Order confirmed: {{note}}.' }, 17),
    node('cancelled', 'message', { text: 'Order cancelled.' }, 18),
    node(
      'again',
      'menu',
      {
        text: 'Order again?',
        options: [
          { id: 'again', label: 'Yes' },
          { id: 'stop', label: 'No' },
        ],
      },
      19,
    ),
  ],
  edges: [
    ['welcome', 'next', 'count'],
    ['count', 'next', 'drink'],
    ['drink', 'coffee', 'coffee'],
    ['drink', 'tea', 'tea'],
    ['drink', 'juice', 'juice'],
    ['drink', 'invalid', 'again'],
    ['coffee', 'next', 'note'],
    ['tea', 'next', 'note'],
    ['juice', 'next', 'note'],
    ['note', 'next', 'cups'],
    ['cups', 'next', 'big'],
    ['cups', 'invalid', 'again'],
    ['big', 'large', 'large'],
    ['big', 'else', 'small'],
    ['large', 'next', 'total'],
    ['small', 'next', 'total'],
    ['total', 'next', 'name'],
    ['name', 'next', 'long'],
    ['name', 'invalid', 'again'],
    ['long', 'yes', 'long-name'],
    ['long', 'else', 'short-name'],
    ['long-name', 'next', 'confirm'],
    ['short-name', 'next', 'confirm'],
    ['confirm', 'yes', 'confirmed'],
    ['confirm', 'no', 'cancelled'],
    ['confirm', 'invalid', 'again'],
    ['confirmed', 'next', 'again'],
    ['cancelled', 'next', 'again'],
    ['again', 'again', 'count'],
  ].map(
    ([source, sourceHandle, target]) =>
      ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target }) as FlowDocument['edges'][number],
  ),
};

const NAMES = ['Ana', 'Maria Eduarda Santos'];

/** The user's messages of loop `i`: a drink, a cup count, a name, confirm or cancel, order again. */
export function loopMessages(i: number): string[] {
  return [String((i % 3) + 1), String((i % 5) + 1), NAMES[i % 2] as string, i % 4 === 3 ? 'Cancel' : 'Confirm', 'Yes'];
}
