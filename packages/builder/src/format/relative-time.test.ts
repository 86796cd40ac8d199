import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('says how long ago, in the largest whole unit', () => {
    expect(relativeTime('2026-03-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-03-09T12:00:00Z', now)).toBe('yesterday');
  });

  it('shows a value that is no date as it is', () => {
    expect(relativeTime('soon', now)).toBe('soon');
  });
});
