import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { createRedactor } from './redactor';

describe('createLogger', () => {
  const capture = (secrets: string[] = []) => {
    const lines: string[] = [];
    const redactor = createRedactor(secrets);
    return { lines, redactor, log: createLogger({ redactor, write: (line) => lines.push(line) }) };
  };

  it('writes one JSON line per entry with the bound fields', () => {
    const { lines, log } = capture();
    log.child({ requestId: 'r1' }).info('flow published', { flowId: 'support' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'flow published', requestId: 'r1', flowId: 'support' });
  });

  it('never prints a secret: by field name, by known value, or shaped as a token', () => {
    const { lines, log, redactor } = capture(['configured-graph-token']);
    redactor.add('decrypted-channel-token');
    log.error('send failed', {
      accessToken: 'EAAGxyz',
      headers: { Authorization: 'Bearer abc.def' },
      error: new Error('Graph said no for configured-graph-token'),
      url: '/api/simulator/sessions/1/events?token=the-admin-token&x=1',
      note: 'used decrypted-channel-token then Bearer zzz-top',
    });
    const line = lines.join('\n');
    for (const secret of ['EAAGxyz', 'abc.def', 'configured-graph-token', 'the-admin-token', 'decrypted-channel-token', 'zzz-top']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
    expect(line).toContain('x=1');
  });

  it('drops entries below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ redactor: createRedactor(), level: 'warn', write: (line) => lines.push(line) });
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});
