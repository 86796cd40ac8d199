import { describe, expect, it } from 'vitest';
import type { UserMessage } from '../../runtime/user-message';
import { type AnswerRules, parseAnswer, parseDate, parseNumber, parsePhone } from './parse-answer';

const text = (t: string): UserMessage => ({ kind: 'text', text: t });
const value = (message: UserMessage | string, rules: AnswerRules) =>
  parseAnswer(typeof message === 'string' ? text(message) : message, rules)?.value;

describe('parseAnswer', () => {
  it('takes text trimmed, within its length limits, and a tapped button as its title', () => {
    expect(value('  Ana Souza ', { answerType: 'text' })).toBe('Ana Souza');
    expect(value('   ', { answerType: 'text' })).toBeUndefined();
    expect(value('ab', { answerType: 'text', minLength: 3 })).toBeUndefined();
    expect(value('abcd', { answerType: 'text', maxLength: 3 })).toBeUndefined();
    expect(value({ kind: 'choice', id: 'x', title: 'Yes' }, { answerType: 'text' })).toBe('Yes');
    expect(value({ kind: 'media', mediaType: 'image', id: 'm1' }, { answerType: 'text' })).toBeUndefined();
  });

  it('reads numbers as people type them', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber('-3.5')).toBe(-3.5);
    expect(parseNumber('3,5')).toBe(3.5);
    expect(parseNumber('1,250')).toBe(1250);
    expect(parseNumber('1,250.75')).toBe(1250.75);
    expect(parseNumber('1.250,75')).toBe(1250.75);
    expect(parseNumber('1.250.000')).toBe(1_250_000);
    expect(parseNumber('1 250')).toBe(1250);
    expect(parseNumber('twelve')).toBeUndefined();
    expect(parseNumber('12abc')).toBeUndefined();
    expect(parseNumber('1,2,3')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
  });

  it('checks a number against min, max and whole numbers', () => {
    const rules: AnswerRules = { answerType: 'number', min: 1, max: 10, integer: true };
    expect(value('7', rules)).toBe(7);
    expect(value('0', rules)).toBeUndefined();
    expect(value('11', rules)).toBeUndefined();
    expect(value('2.5', rules)).toBeUndefined();
  });

  it('lowercases and trims an email, and refuses a malformed one', () => {
    expect(value('  Ana.Souza@Example.COM ', { answerType: 'email' })).toBe('ana.souza@example.com');
    expect(value('ana@example', { answerType: 'email' })).toBeUndefined();
    expect(value('ana @example.com', { answerType: 'email' })).toBeUndefined();
    expect(value('@example.com', { answerType: 'email' })).toBeUndefined();
  });

  it('normalises phone numbers to +digits', () => {
    expect(parsePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(parsePhone('0044 (20) 7946-0958')).toBe('+442079460958');
    expect(parsePhone('020 7946 0958', '44')).toBe('+442079460958');
    expect(parsePhone('(11) 98765-4321', '+55')).toBe('+5511987654321');
    expect(parsePhone('020 7946 0958')).toBeUndefined();
    expect(parsePhone('+44 call me')).toBeUndefined();
    expect(parsePhone('+1 234')).toBeUndefined();
    expect(parsePhone('+1234567890123456')).toBeUndefined();
    expect(value({ kind: 'contacts', contacts: [{ name: 'Bo', phones: ['+1 415 555 2671'] }] }, { answerType: 'phone' })).toBe(
      '+14155552671',
    );
  });

  it('reads ISO and local dates into yyyy-mm-dd, refusing impossible ones', () => {
    expect(parseDate('2024-12-31', 'dd/mm/yyyy')).toBe('2024-12-31');
    expect(parseDate('31/12/2024', 'dd/mm/yyyy')).toBe('2024-12-31');
    expect(parseDate('1.2.2024', 'dd/mm/yyyy')).toBe('2024-02-01');
    expect(parseDate('12/31/2024', 'mm/dd/yyyy')).toBe('2024-12-31');
    expect(parseDate('05-03-99', 'dd/mm/yyyy')).toBe('1999-03-05');
    expect(parseDate('05/03/24', 'dd/mm/yyyy')).toBe('2024-03-05');
    expect(parseDate('29/02/2023', 'dd/mm/yyyy')).toBeUndefined();
    expect(parseDate('29/02/2024', 'dd/mm/yyyy')).toBe('2024-02-29');
    expect(parseDate('12/31/2024', 'dd/mm/yyyy')).toBeUndefined();
    expect(parseDate('tomorrow', 'dd/mm/yyyy')).toBeUndefined();
  });

  it('matches a choice by button, number or label, saving the label', () => {
    const rules: AnswerRules = { answerType: 'choice', choices: ['Small', 'Médium', 'Large'] };
    expect(value({ kind: 'choice', id: 'Large', title: 'Large' }, rules)).toBe('Large');
    expect(value('2', rules)).toBe('Médium');
    expect(value(' medium ', rules)).toBe('Médium');
    expect(value('huge', rules)).toBeUndefined();
  });

  it('takes a shared location, or typed coordinates', () => {
    const rules: AnswerRules = { answerType: 'location' };
    expect(value({ kind: 'location', latitude: 38.7, longitude: -9.1, name: 'Office', address: 'Rua A' }, rules)).toEqual({
      latitude: 38.7,
      longitude: -9.1,
      name: 'Office',
      address: 'Rua A',
    });
    expect(value('38.7223, -9.1393', rules)).toEqual({ latitude: 38.7223, longitude: -9.1393 });
    expect(value('95, 10', rules)).toBeUndefined();
    expect(value('my house', rules)).toBeUndefined();
  });

  it('takes media of the accepted kinds only', () => {
    const photo: UserMessage = {
      kind: 'media',
      mediaType: 'image',
      id: 'm1',
      mimeType: 'image/jpeg',
      caption: 'receipt',
      filename: 'x.jpg',
    };
    expect(value(photo, { answerType: 'media' })).toEqual({ mediaType: 'image', id: 'm1', mimeType: 'image/jpeg', caption: 'receipt' });
    expect(value(photo, { answerType: 'media', mediaTypes: ['document'] })).toBeUndefined();
    expect(value('here it is', { answerType: 'media' })).toBeUndefined();
  });
});
