import { describe, expect, it } from 'vitest';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const say = (id: string, text: string) => ({ id, type: 'message', position: { x: 0, y: 0 }, data: { text } });

const flow = (data: Record<string, unknown>) => ({
  schemaVersion: 1,
  id: 'question-test',
  name: 'Question test',
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'question', position: { x: 0, y: 0 }, data: { text: 'Your answer?', variable: 'answer', ...data } },
    say('thanks', 'Got {{answer}}'),
    say('bad', 'Let us try later'),
    say('late', 'Are you still there?'),
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'thanks' },
    { id: 'e2', source: 'ask', sourceHandle: 'invalid', target: 'bad' },
    ...(data.timeoutMinutes ? [{ id: 'e3', source: 'ask', sourceHandle: 'timeout', target: 'late' }] : []),
  ],
});

describe('question', () => {
  it('asks, then saves a valid answer normalised and moves on', async () => {
    const { steps, last } = await runScript(flow({ answerType: 'email' }), ['  Ana@Example.com ']);
    expect(botLines(steps)).toEqual(['Your answer?', 'Got ana@example.com']);
    expect(last.vars.answer).toBe('ana@example.com');
    expect(steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'variable.set', name: 'answer', value: 'ana@example.com' }));
  });

  it('keeps typed values across snapshot restores: a number is saved as a number', async () => {
    const { last } = await runScript(flow({ answerType: 'number', min: 1, max: 10 }), ['twelve', '7']);
    expect(last.vars.answer).toBe(7);
  });

  it('re-prompts with a message that fits the type, then takes the invalid exit after the retries', async () => {
    const { steps, last } = await runScript(flow({ answerType: 'number', min: 1, max: 10, maxRetries: 2 }), ['abc', '99', '0']);
    expect(botLines(steps)).toEqual([
      'Your answer?',
      'Please enter a number between 1 and 10.',
      'Please enter a number between 1 and 10.',
      'Let us try later',
    ]);
    expect(last.vars.answer).toBeUndefined();
  });

  it('re-prompts with the configured invalid text, filled with variables', async () => {
    const { steps } = await runScript(flow({ answerType: 'date', invalidText: 'Sorry {{contact.name}}, a date like 31/12/2024 please' }), [
      '31/02/2024',
      '29/02/2024',
    ]);
    expect(botLines(steps)).toEqual(['Your answer?', 'Sorry Ana, a date like 31/12/2024 please', 'Got 2024-02-29']);
  });

  it('takes the invalid exit at once when no retries are allowed', async () => {
    const { steps } = await runScript(flow({ answerType: 'email', maxRetries: 0 }), ['nope']);
    expect(botLines(steps)).toEqual(['Your answer?', 'Let us try later']);
  });

  it('offers choices as buttons, sends them again on a wrong answer, and saves the chosen label', async () => {
    const { steps, last } = await runScript(flow({ answerType: 'choice', choices: ['Small', 'Large'] }), [
      'huge',
      { kind: 'choice', id: 'Large', title: 'Large' },
    ]);
    expect(botLines(steps)).toEqual([
      'Your answer? [Small | Large]',
      'Please choose one of the options.',
      'Your answer? [Small | Large]',
      'Got Large',
    ]);
    expect(last.vars.answer).toBe('Large');
  });

  it('saves a shared location and a photo as objects', async () => {
    const location = await runScript(flow({ answerType: 'location' }), [
      { kind: 'location', latitude: 38.7, longitude: -9.1, name: 'Office' },
    ]);
    expect(location.last.vars.answer).toEqual({ latitude: 38.7, longitude: -9.1, name: 'Office' });
    const photo = await runScript(flow({ answerType: 'media', mediaTypes: ['image'] }), [
      { kind: 'media', mediaType: 'document', id: 'd1' },
      { kind: 'media', mediaType: 'image', id: 'm1', caption: 'receipt' },
    ]);
    expect(botLines(photo.steps)[1]).toBe('Please send a photo.');
    expect(photo.last.vars.answer).toEqual({ mediaType: 'image', id: 'm1', caption: 'receipt' });
  });

  it('saves a phone number in international form', async () => {
    const { last } = await runScript(flow({ answerType: 'phone', defaultCountryCode: '44' }), ['020 7946 0958']);
    expect(last.vars.answer).toBe('+442079460958');
  });

  it('takes the timeout exit when the timer fires, and cancels the timer when answered', async () => {
    const timedOut = await runScript(flow({ timeoutMinutes: 5 }), ['', { fireTimer: true }]);
    expect(timedOut.steps[0]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.schedule', nodeId: 'ask', delayMs: 300_000 }));
    expect(botLines(timedOut.steps)).toEqual(['Your answer?', 'Please type your answer.', 'Are you still there?']);
    const answered = await runScript(flow({ timeoutMinutes: 5 }), ['Ana']);
    expect(answered.steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.cancel', nodeId: 'ask' }));
    expect(botLines(answered.steps).at(-1)).toBe('Got Ana');
  });

  it('has a timeout exit only when a timeout is set', () => {
    const exits = (data: Record<string, unknown>) =>
      validateFlow(flow(data), builtins)
        .nodes.get('ask')
        ?.exits.map((e) => e.id);
    expect(exits({})).toEqual(['next', 'invalid']);
    expect(exits({ timeoutMinutes: 5 })).toEqual(['next', 'invalid', 'timeout']);
  });

  it('declares the variable it sets, so later nodes using it get no warning', () => {
    expect(validateFlow(flow({}), builtins).problems.filter((p) => p.code === 'unset-variable')).toEqual([]);
  });

  it('names node and field for invalid config', () => {
    const problems = (data: Record<string, unknown>) => validateFlow(flow(data), builtins).problems.filter((p) => p.severity === 'error');
    expect(problems({ variable: '' })).toContainEqual(expect.objectContaining({ nodeId: 'ask', field: 'data.variable' }));
    expect(problems({ answerType: 'choice' })).toContainEqual(
      expect.objectContaining({ nodeId: 'ask', field: 'data.choices', message: 'is required' }),
    );
    expect(problems({ answerType: 'colour' })).toContainEqual(expect.objectContaining({ nodeId: 'ask', field: 'data.answerType' }));
    expect(problems({ answerType: 'number', min: 10, max: 1 })).toContainEqual(
      expect.objectContaining({ nodeId: 'ask', field: 'data.max' }),
    );
    expect(problems({ answerType: 'choice', choices: ['A choice label that is far too long', 'B'] })).toContainEqual(
      expect.objectContaining({ nodeId: 'ask', field: 'data.choices[0]', message: expect.stringContaining('WhatsApp allows 20') }),
    );
  });
});
