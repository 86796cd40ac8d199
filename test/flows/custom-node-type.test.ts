import { defaultRegistry, formatProblem, validateFlow } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../scripts/generate-schemas';
import { loyaltyStamp } from './custom/loyalty-stamp';
import { flow } from './flow-builder';
import { playTranscript } from './transcript';

const registry = defaultRegistry.extend([loyaltyStamp]);
const cafe = (data: Record<string, unknown>) =>
  flow(
    'stamp',
    {
      stamp: ['loyalty-stamp', data],
      thanks: ['message', { text: 'Thanks for visiting!' }],
      free: ['message', { text: 'Your next coffee is on us! 🎉' }],
      again: ['menu', { text: 'See you tomorrow?', options: [{ id: 'yes', label: 'Sure!' }] }],
      bye: ['end', {}],
    },
    [
      'stamp.stamped -> thanks',
      'stamp.reward -> free',
      'thanks.next -> again',
      'free.next -> again',
      'again.yes -> stamp',
      'again.invalid -> bye',
    ],
  );

describe('a custom node type added with registry.extend', () => {
  it('is unknown to a registry without it, which says so naming the node and field', () => {
    const { problems } = validateFlow(cafe({ every: 3 }), defaultRegistry);
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(/^error: node "stamp", field type: unknown node type "loyalty-stamp"/),
    );
  });

  it('is validated with its own schema and checks', () => {
    expect(validateFlow(cafe({ every: 3 }), registry).problems).toEqual([]);
    expect(validateFlow(cafe({ every: 1 }), registry).problems.map(formatProblem)).toEqual([
      'error: node "stamp", field data.every: must be >= 2',
    ]);
    expect(validateFlow(cafe({ every: 30 }), registry).problems.map(formatProblem)).toEqual([
      'warning: node "stamp", field data.every: few customers collect more than 20 stamps',
    ]);
    expect(validateFlow(cafe({ every: 3, colour: 'gold' }), registry).problems.map(formatProblem)).toEqual([
      'error: node "stamp", field data.colour: is not a known field',
    ]);
  });

  it('runs: its actions, guards, default config and exits behave like a built-in', async () => {
    const transcript = [
      '· stamps = 1',
      '< ⭐ Stamp 1 of 3 on your card.',
      '< Thanks for visiting!',
      '< See you tomorrow? [Sure!]',
      '> sure!',
      '· stamps = 2',
      '< ⭐ Stamp 2 of 3 on your card.',
      '< Thanks for visiting!',
      '< See you tomorrow? [Sure!]',
      '> 1',
      '· stamps = 3',
      '< ⭐ Stamp 3 of 3 on your card.',
      '< Your next coffee is on us! 🎉',
      '< See you tomorrow? [Sure!]',
    ];
    expect((await playTranscript(cafe({ every: 3 }), transcript, { registry })).lines).toEqual(transcript);
  });

  it('gets a generated schema like the built-ins', () => {
    const schema = JSON.parse(schemaFiles(registry).get('nodes/loyalty-stamp.schema.json') ?? '{}');
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://chatflow.dev/schemas/nodes/loyalty-stamp.schema.json',
      title: 'Loyalty stamp',
      required: ['every'],
    });
  });

  it('cannot take the name of a type already registered', () => {
    expect(() => registry.extend([loyaltyStamp])).toThrow('Node type "loyalty-stamp" is registered twice');
  });
});
