import { matchOption } from '../../runtime/match-option';
import type { UserMessage } from '../../runtime/user-message';

export const ANSWER_TYPES = ['text', 'number', 'email', 'phone', 'date', 'choice', 'location', 'media'] as const;
export const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;
export const DATE_FORMATS = ['dd/mm/yyyy', 'mm/dd/yyyy'] as const;

/** What a question accepts: its answer type and that type's options, as plain JSON. */
export interface AnswerRules {
  answerType: (typeof ANSWER_TYPES)[number];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  choices?: string[];
  mediaTypes?: (typeof MEDIA_TYPES)[number][];
  dateFormat?: (typeof DATE_FORMATS)[number];
  /** Country calling code put in front of a number typed without one, e.g. "44". */
  defaultCountryCode?: string;
}

/** A valid answer's normalised value, or `undefined` when the answer is not acceptable. */
export type ParsedAnswer = { value: unknown } | undefined;

/**
 * Checks a user's answer against a question's rules and normalises it: a number as a number,
 * an email lowercased, a phone as `+digits`, a date as `yyyy-mm-dd`, a location or media as an object.
 */
export function parseAnswer(message: UserMessage, rules: AnswerRules): ParsedAnswer {
  const text = message.kind === 'text' ? message.text.trim() : message.kind === 'choice' ? (message.title ?? message.id).trim() : undefined;
  switch (rules.answerType) {
    case 'text':
      return text && lengthFits(text, rules) ? { value: text } : undefined;
    case 'number':
      return text === undefined ? undefined : within(parseNumber(text), rules);
    case 'email':
      return text && EMAIL.test(text) ? { value: text.toLowerCase() } : undefined;
    case 'phone': {
      const typed = message.kind === 'contacts' ? message.contacts[0]?.phones[0] : text;
      const phone = typed === undefined ? undefined : parsePhone(typed, rules.defaultCountryCode);
      return phone === undefined ? undefined : { value: phone };
    }
    case 'date': {
      const date = text === undefined ? undefined : parseDate(text, rules.dateFormat ?? 'dd/mm/yyyy');
      return date === undefined ? undefined : { value: date };
    }
    case 'choice': {
      const options = (rules.choices ?? []).map((label) => ({ id: label, label }));
      const chosen = matchOption(message, options);
      return chosen ? { value: chosen.label } : undefined;
    }
    case 'location':
      return parseLocation(message);
    case 'media': {
      if (message.kind !== 'media') return undefined;
      if (rules.mediaTypes?.length && !rules.mediaTypes.includes(message.mediaType)) return undefined;
      // The host stored the file: the answer is that file. A file it could not get is no answer.
      if (message.file) return { value: message.file };
      if (message.error) return undefined;
      const { mediaType, id, url, mimeType, caption } = message;
      return {
        value: {
          mediaType,
          ...(id ? { id } : {}),
          ...(url ? { url } : {}),
          ...(mimeType ? { mimeType } : {}),
          ...(caption ? { caption } : {}),
        },
      };
    }
  }
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[A-Za-z]{2,}$/;

function lengthFits(text: string, rules: AnswerRules): boolean {
  const length = [...text].length;
  return length >= (rules.minLength ?? 1) && length <= (rules.maxLength ?? Number.POSITIVE_INFINITY);
}

function within(value: number | undefined, rules: AnswerRules): ParsedAnswer {
  if (value === undefined) return undefined;
  if (rules.integer && !Number.isInteger(value)) return undefined;
  if (rules.min !== undefined && value < rules.min) return undefined;
  if (rules.max !== undefined && value > rules.max) return undefined;
  return { value };
}

/**
 * Reads "42", "-3.5", "3,5", "1,250.75", "1.250,75" and "1 250". A lone separator followed by
 * exactly three digits in a group pattern ("1,250") is a thousands separator; otherwise it is the
 * decimal point, so "3,5" is 3.5 as most of the world writes it.
 */
export function parseNumber(text: string): number | undefined {
  let s = text.replace(/[\s\u00a0']/g, '');
  if (!/^[+-]?(\d|[.,]\d)[\d.,]*$/.test(s)) return undefined;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    if (s.indexOf(decimal) !== s.lastIndexOf(decimal)) return undefined;
    s = s.split(thousands).join('').replace(decimal, '.');
  } else {
    const separator = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : undefined;
    if (separator) {
      const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${separator}\\d{3})+$`);
      const count = s.split(separator).length - 1;
      if (grouped.test(s) && (count > 1 || separator === ',')) s = s.split(separator).join('');
      else if (count === 1) s = s.replace(separator, '.');
      else return undefined;
    }
  }
  const value = Number(s);
  return Number.isFinite(value) ? value : undefined;
}

/** `+` and digits (E.164: at most 15 digits); a number without a country code needs `defaultCountryCode`. */
export function parsePhone(text: string, defaultCountryCode?: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (defaultCountryCode) {
    // A national number may carry a trunk prefix 0 (020 7946 0958 in the UK) that the international form drops.
    digits = defaultCountryCode.replace(/\D/g, '') + digits.replace(/^0+/, '');
  } else {
    return undefined;
  }
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : undefined;
}

/** ISO `yyyy-mm-dd` always; otherwise day, month and year in the configured order, 2- or 4-digit year. */
export function parseDate(text: string, format: (typeof DATE_FORMATS)[number]): string | undefined {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text);
  if (!local) return undefined;
  const [first, second] = [Number(local[1]), Number(local[2])];
  let year = Number(local[3]);
  // Two-digit years follow POSIX: 69 and above are 19xx, below are 20xx.
  if ((local[3] as string).length === 2) year += year >= 69 ? 1900 : 2000;
  return format === 'dd/mm/yyyy' ? calendarDate(year, second, first) : calendarDate(year, first, second);
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A shared location, or coordinates typed as "38.7223, -9.1393". */
function parseLocation(message: UserMessage): ParsedAnswer {
  if (message.kind === 'location') {
    const { latitude, longitude, name, address } = message;
    return { value: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } };
  }
  if (message.kind !== 'text') return undefined;
  const typed = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(message.text);
  if (!typed) return undefined;
  const latitude = Number(typed[1]);
  const longitude = Number(typed[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { value: { latitude, longitude } };
}
