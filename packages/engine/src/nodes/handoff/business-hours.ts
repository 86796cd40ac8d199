/** Days of the week as the schedule names them, Sunday first like `Date.getDay()`. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open from `open` until just before `close`, both `HH:MM` in the schedule's time zone; `close` may be `24:00`. */
export interface TimeRange {
  open: string;
  close: string;
}

export interface BusinessHours {
  /** An IANA time zone name such as `America/Sao_Paulo`. */
  timezone: string;
  /** Open ranges per weekday; a day left out is closed all day. */
  weekly?: Partial<Record<Weekday, readonly TimeRange[]>>;
  /** Dates (`yyyy-mm-dd`, in the schedule's time zone) closed all day. */
  holidays?: readonly string[];
}

/** The local date, weekday and minute of the day at `now` in a time zone. */
export interface LocalTime {
  date: string;
  weekday: Weekday;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock time at `now` (epoch ms) in `timezone`, by `Intl.DateTimeFormat`, which works the
 * same in Node and browsers and knows daylight saving time.
 *
 * @throws RangeError when the time zone is unknown.
 */
export function localTime(now: number, timezone: string): LocalTime {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  const weekday = WEEKDAYS.find((day) => day === parts.weekday?.toLowerCase().slice(0, 3)) ?? 'sun';
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** `HH:MM` as minutes since midnight; `24:00` is 1440. */
export function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/**
 * Whether a business is open at `now` (epoch ms): not a holiday, and inside one of the day's ranges.
 * An unknown time zone counts as open, so a schedule mistake never strands a customer who asked
 * for a person; design-time checks report the time zone before publishing.
 */
export function isWithinHours(hours: BusinessHours, now: number): boolean {
  let local: LocalTime;
  try {
    local = localTime(now, hours.timezone);
  } catch {
    return true;
  }
  if (hours.holidays?.includes(local.date)) return false;
  return (hours.weekly?.[local.weekday] ?? []).some(
    (range) => minuteOfDay(range.open) <= local.minute && local.minute < minuteOfDay(range.close),
  );
}

/** Whether `timezone` is an IANA name this runtime knows. */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
