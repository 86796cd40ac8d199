import { describe, expect, it } from 'vitest';
import { businessHref, parseBusinessRoute } from './use-business-route';

describe('business routes', () => {
  it('names the screen and the open record, and leaves flow addresses to the editor', () => {
    expect(parseBusinessRoute('#/orders/ord%201')).toEqual({ page: 'orders', id: 'ord 1' });
    expect(parseBusinessRoute('#/inbox')).toEqual({ page: 'inbox' });
    expect(parseBusinessRoute('#/flows/support')).toBeUndefined();
    expect(parseBusinessRoute('')).toBeUndefined();
  });

  it('round-trips through its address', () => {
    expect(parseBusinessRoute(businessHref({ page: 'inbox', id: 'c/1' }))).toEqual({ page: 'inbox', id: 'c/1' });
  });
});
