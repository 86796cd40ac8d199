import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { isAllowedHost, parseAllowedHosts } from './allowed-hosts';

describe('HTTP_NODE_ALLOW_HOSTS', () => {
  it('reads comma-separated host[:port], names, IPv4 and bracketed IPv6, ignoring blanks and case', () => {
    const config = loadConfig({ HTTP_NODE_ALLOW_HOSTS: ' ERP.internal , 127.0.0.1:8080,,[::1]:9000 ' });
    expect(config.httpNode.allowHosts).toEqual([{ host: 'erp.internal' }, { host: '127.0.0.1', port: 8080 }, { host: '::1', port: 9000 }]);
    expect(loadConfig({}).httpNode.allowHosts).toEqual([]);
  });

  it('refuses a bad entry with one line naming the setting and the entry', () => {
    expect(() => loadConfig({ HTTP_NODE_ALLOW_HOSTS: 'erp.internal,http://x.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_NODE_ALLOW_HOSTS: 'erp.internal,http://x.example' })).toThrow(
      'HTTP_NODE_ALLOW_HOSTS has an invalid entry "http://x.example" (expected host or host:port, e.g. erp.internal:8080)',
    );
    expect(parseAllowedHosts('a.example:70000')).toEqual({ problem: 'has a port out of range in "a.example:70000" (1 to 65535)' });
    expect(parseAllowedHosts('-bad.example')).toHaveProperty('problem');
    expect(parseAllowedHosts('a b')).toHaveProperty('problem');
  });

  it('allows a host on any port without one, on that port only with one', () => {
    const allowed = [{ host: 'erp.internal' }, { host: '127.0.0.1', port: 8080 }];
    expect(isAllowedHost(allowed, 'erp.internal', 443)).toBe(true);
    expect(isAllowedHost(allowed, '127.0.0.1', 8080)).toBe(true);
    expect(isAllowedHost(allowed, '127.0.0.1', 8081)).toBe(false);
    expect(isAllowedHost(allowed, 'localhost', 8080)).toBe(false);
  });
});
