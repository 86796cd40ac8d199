import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, isWithinHours, localTime } from './business-hours';

const saoPaulo = {
  timezone: 'America/Sao_Paulo',
  weekly: {
    mon: [
      { open: '09:00', close: '12:00' },
      { open: '13:00', close: '18:00' },
    ],
    sat: [{ open: '10:00', close: '24:00' }],
  },
  holidays: ['2025-12-25'],
};

describe('business hours', () => {
  it('reads the wall clock in the schedule time zone, daylight saving included', () => {
    // 2025-06-02 is a Monday; 12:30 UTC is 09:30 in São Paulo (UTC-3) and 13:30 in Lisbon (summer, UTC+1).
    const now = Date.UTC(2025, 5, 2, 12, 30);
    expect(localTime(now, 'America/Sao_Paulo')).toEqual({ date: '2025-06-02', weekday: 'mon', minute: 9 * 60 + 30 });
    expect(localTime(now, 'Europe/Lisbon')).toEqual({ date: '2025-06-02', weekday: 'mon', minute: 13 * 60 + 30 });
    expect(localTime(Date.UTC(2025, 0, 6, 12, 30), 'Europe/Lisbon').minute).toBe(12 * 60 + 30);
  });

  it('is open inside a range, closed in the lunch gap, at closing time and on days left out', () => {
    expect(isWithinHours(saoPaulo, Date.UTC(2025, 5, 2, 12, 0))).toBe(true); // Mon 09:00
    expect(isWithinHours(saoPaulo, Date.UTC(2025, 5, 2, 15, 30))).toBe(false); // Mon 12:30
    expect(isWithinHours(saoPaulo, Date.UTC(2025, 5, 2, 21, 0))).toBe(false); // Mon 18:00
    expect(isWithinHours(saoPaulo, Date.UTC(2025, 5, 3, 14, 0))).toBe(false); // Tuesday
    expect(isWithinHours(saoPaulo, Date.UTC(2025, 5, 8, 2, 59))).toBe(true); // Sat 23:59 local
  });

  it('is closed all day on a holiday of the local calendar', () => {
    // Thursday 25 December at 10:00 in São Paulo, even with Thursday hours.
    const withThursday = { ...saoPaulo, weekly: { thu: [{ open: '08:00', close: '18:00' }] } };
    expect(isWithinHours(withThursday, Date.UTC(2025, 11, 25, 13, 0))).toBe(false);
    expect(isWithinHours(withThursday, Date.UTC(2025, 11, 18, 13, 0))).toBe(true);
  });

  it('knows IANA names and counts an unknown time zone as open', () => {
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isWithinHours({ timezone: 'Mars/Olympus', weekly: {} }, 0)).toBe(true);
  });
});
