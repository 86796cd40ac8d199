import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './use-hash-route';

describe('routes', () => {
  it('reads the flow list, a draft, a restore and a version from the address', () => {
    expect(parseRoute('')).toEqual({ page: 'flows' });
    expect(parseRoute('#/flows/support')).toEqual({ page: 'editor', flowId: 'support' });
    expect(parseRoute('#/flows/support?restore=2')).toEqual({ page: 'editor', flowId: 'support', restore: 2 });
    expect(parseRoute('#/flows/support/versions/3')).toEqual({ page: 'version', flowId: 'support', version: 3 });
  });

  it('writes addresses that read back as the same route', () => {
    for (const route of [{ page: 'flows' }, { page: 'editor', flowId: 'a b' }, { page: 'version', flowId: 'x', version: 4 }] as const) {
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
  });
});
