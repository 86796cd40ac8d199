import { describe, expect, it } from 'vitest';
import { mediaLinks } from './media-link';

describe('signed media links', () => {
  let now = Date.parse('2026-12-03T08:00:00Z');
  const links = mediaLinks({
    secretKey: Buffer.alloc(32, 3),
    baseUrl: () => 'https://bot.example',
    lifetimeMs: 3_600_000,
    clock: () => now,
  });
  const parts = (link: string) => {
    const url = new URL(link);
    return [url.searchParams.get('exp') ?? undefined, url.searchParams.get('sig') ?? undefined] as const;
  };

  it('accepts its own link until it expires, for that workspace and file only', () => {
    const link = links.link('w1', 'f1');
    expect(link).toMatch(/^https:\/\/bot\.example\/media\/w1\/f1\?exp=\d+&sig=[\w-]+$/);
    const [exp, sig] = parts(link);
    expect(links.verify('w1', 'f1', exp, sig)).toBe('ok');
    expect(links.verify('w2', 'f1', exp, sig)).toBe('bad');
    expect(links.verify('w1', 'f2', exp, sig)).toBe('bad');
    expect(links.verify('w1', 'f1', String(Number(exp) + 1), sig)).toBe('bad');
    expect(links.verify('w1', 'f1', exp, undefined)).toBe('bad');
    now += 3_600_000 + 1000;
    expect(links.verify('w1', 'f1', exp, sig)).toBe('expired');
  });

  it('is keyed by the server’s secret: another key’s signature is refused', () => {
    const other = mediaLinks({
      secretKey: Buffer.alloc(32, 4),
      baseUrl: () => 'https://bot.example',
      lifetimeMs: 3_600_000,
      clock: () => now,
    });
    const [exp, sig] = parts(other.link('w1', 'f1'));
    expect(links.verify('w1', 'f1', exp, sig)).toBe('bad');
  });
});
