import { describe, expect, it } from 'vitest';
import { aiMessages, maskPhones } from './ai-messages';

describe('ai messages', () => {
  it('masks phone numbers however they are typed, but not dates, prices or short numbers', () => {
    expect(maskPhones('my number is (11) 98765-4321')).toBe('my number is [phone]');
    expect(maskPhones('call +351 912 345 678 or +1 555 0100')).toBe('call [phone] or [phone]');
    expect(maskPhones('2 pizzas for 25.90 on 2025-06-02, table 12')).toBe('2 pizzas for 25.90 on 2025-06-02, table 12');
  });

  it('merges consecutive messages of one side and starts with the customer', () => {
    const history = [
      { role: 'assistant', text: 'Hi!' },
      { role: 'assistant', text: 'Choose one' },
      { role: 'user', text: 'Menu' },
      { role: 'user', text: 'and prices?' },
      { role: 'assistant', text: 'Here' },
    ] as const;
    expect(aiMessages(history, 10)).toEqual([
      { role: 'user', text: 'Menu\n\nand prices?' },
      { role: 'assistant', text: 'Here' },
    ]);
  });
});
