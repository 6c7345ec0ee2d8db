import { ConfigError, parseTrustProxy, type AppConfig } from '../config/config.js';
import { clientAddress, clientGroup, ClientKeyService, compileTrustProxy } from './client-key.js';

const trust = (raw: string) => compileTrustProxy(parseTrustProxy(raw));

describe('parseTrustProxy (TRUST_PROXY)', () => {
  it('is off by default and for off / 0 / false', () => {
    for (const raw of [undefined, '', 'off', 'OFF', '0', 'false']) expect(parseTrustProxy(raw)).toBeNull();
  });

  it('takes a number of hops, or addresses, CIDR ranges and named ranges', () => {
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.1, 172.16.0.0/12,fd00::/8')).toEqual({
      ranges: ['10.0.0.1/32', '172.16.0.0/12', 'fd00::/8'],
    });
    expect(parseTrustProxy('loopback')).toEqual({ ranges: ['127.0.0.0/8', '::1/128'] });
  });

  it('refuses anything else with a message naming the setting', () => {
    for (const raw of ['everyone', '11', '10.0.0.0/33', '10.0.0.1/8/2', 'true', ',', '::1/129', '10.0.0.0/x']) {
      expect(() => parseTrustProxy(raw)).toThrow(ConfigError);
      expect(() => parseTrustProxy(raw)).toThrow(/TRUST_PROXY/);
    }
  });
});

describe('clientAddress', () => {
  it('never reads X-Forwarded-For when TRUST_PROXY is off', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.10', null)).toBe('127.0.0.1');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.10', null)).toBe('127.0.0.1');
    expect(clientAddress(undefined, undefined, null)).toBe('unknown');
  });

  it('with hops, takes the entry that many places from the right (never further than the left-most)', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.10', trust('1'))).toBe('203.0.113.10');
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.10', trust('1'))).toBe('203.0.113.10');
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.10, 10.0.0.9', trust('2'))).toBe('203.0.113.10');
    expect(clientAddress('10.0.0.2', '203.0.113.10', trust('3'))).toBe('203.0.113.10');
    expect(clientAddress('10.0.0.2', undefined, trust('1'))).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', ' , ', trust('1'))).toBe('10.0.0.2');
  });

  it('with ranges, skips trusted proxies from the right and stops at the first other address', () => {
    const t = trust('private,loopback');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.10, 10.1.2.3', t)).toBe('203.0.113.10');
    expect(clientAddress('127.0.0.1', '[2001:db8::1]:443', t)).toBe('2001:db8::1');
    expect(clientAddress('127.0.0.1', '203.0.113.10:5555', t)).toBe('203.0.113.10');
    // A peer that is not a trusted proxy is the client, whatever it says.
    expect(clientAddress('198.51.100.7', '203.0.113.10', t)).toBe('198.51.100.7');
    // Every hop trusted: the left-most.
    expect(clientAddress('127.0.0.1', '10.0.0.8, 10.0.0.9', t)).toBe('10.0.0.8');
    // Repeated headers arrive as one list.
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '203.0.113.10'], t)).toBe('203.0.113.10');
  });
});

describe('clientGroup', () => {
  it('is the /64 of an IPv6 address and the address itself for IPv4', () => {
    expect(clientGroup('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(clientGroup('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(clientGroup('::1')).toBe('0:0:0:0::/64');
    expect(clientGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientGroup('::ffff:203.0.113.10')).toBe('203.0.113.10');
    expect(clientGroup('64:ff9b::203.0.113.10')).toBe('64:ff9b:0:0::/64');
    expect(clientGroup('203.0.113.10')).toBe('203.0.113.10');
    expect(clientGroup('unknown')).toBe('unknown');
  });
});

describe('ClientKeyService', () => {
  const service = (raw: string) =>
    new ClientKeyService({ redisUrl: null, trustProxy: parseTrustProxy(raw) } as unknown as AppConfig);

  it('keys HTTP requests and socket handshakes the same way, without keeping the address', async () => {
    const keys = service('1');
    const viaHandshake = await keys.forHandshake({
      address: '127.0.0.1',
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.10' },
    });
    const viaRequest = await keys.forRequest({
      socket: { remoteAddress: '127.0.0.1' },
      headers: { 'x-forwarded-for': '203.0.113.10' },
    } as never);
    expect(viaHandshake).toBe(viaRequest);
    expect(viaHandshake).toBe(await keys.forAddress('203.0.113.10'));
    expect(viaHandshake).not.toContain('203');
    expect(await keys.forAddress('198.51.100.7')).not.toBe(viaHandshake);
    keys.onModuleDestroy();
  });

  it('gives every address of one IPv6 /64 the same key, and other /64s and IPv4 their own (issue #13)', async () => {
    const keys = service('off');
    const home = await keys.forAddress('2001:db8:1:2::5');
    for (const same of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0:0:0:1', '2001:DB8:1:2::a:b']) {
      expect(await keys.forAddress(same)).toBe(home);
    }
    expect(await keys.forHandshake({ address: '2001:db8:1:2:1234::1', headers: {} })).toBe(home);
    expect(await keys.forAddress('2001:db8:1:3::5')).not.toBe(home);
    expect(await keys.forAddress('203.0.113.10')).not.toBe(await keys.forAddress('203.0.113.11'));
    keys.onModuleDestroy();
  });

  it('ignores the header for handshakes too when TRUST_PROXY is off', async () => {
    const keys = service('off');
    const a = await keys.forHandshake({ address: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.10' } });
    const b = await keys.forHandshake({ address: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(a).toBe(b);
    keys.onModuleDestroy();
  });
});
