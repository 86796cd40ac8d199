import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusinessWorld, eventually, flowOf, startBusinessWorld } from './business-fixtures';

describe('password checks under load', () => {
  let world: BusinessWorld;
  let sent = 0;
  /** How long the signed webhook takes to be answered, and the customer to get the bot's reply, in ms. */
  const ack = async () => {
    sent += 1;
    const customer = `55119000${String(sent).padStart(5, '0')}`;
    const started = performance.now();
    await world.say(customer, 'hi');
    const acked = performance.now() - started;
    await eventually(async () => (world.sentTo(customer).length > 0 ? true : undefined), 20_000);
    return [acked, performance.now() - started] as const;
  };
  const acks = async (count: number) => {
    const times: (readonly [number, number])[] = [];
    for (let i = 0; i < count; i += 1) times.push(await ack());
    return times;
  };

  beforeAll(async () => {
    world = await startBusinessWorld();
    await world.useFlow(flowOf('hello', 'hi', [{ id: 'hi', type: 'message', data: { text: 'Hello!' } }], []));
    await acks(3);
  });
  afterAll(() => world.close());

  it('keeps answering webhooks quickly while 50 wrong sign-ins from one address are checked', async () => {
    const alone = await acks(7);
    const logins = Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${world.server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `guess-${i}@shop.example`, password: 'a wrong password' }),
        }).then((r) => r.status),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    const loaded = await acks(7);
    const statuses = await logins;
    // Each wrong sign-in was checked (401) or, beyond the hashing queue, refused at once (503); none crashed.
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(10);
    // The slowest answer during the sign-ins against the slowest alone: generous, but seconds fail it.
    const slowest = (times: (readonly [number, number])[]) => Math.max(...times.map(([answered]) => answered));
    console.info(`webhook answered in at most ${slowest(alone).toFixed(0)} ms alone, ${slowest(loaded).toFixed(0)} ms during the sign-ins`);
    expect(slowest(loaded)).toBeLessThan(slowest(alone) * 5 + 300);
  });
});
