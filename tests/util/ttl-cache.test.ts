import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../src/util/ttl-cache.js';

describe('TtlCache', () => {
  it('serves an entry until its TTL has passed, by the injected clock', () => {
    let now = 1000;
    const cache = new TtlCache<string, number>({ ttlMs: 100, now: () => now });
    cache.set('a', 1);
    cache.set('b', 2, 500); // its own TTL
    now += 99;
    expect(cache.get('a')).toBe(1);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    now += 400;
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(0); // expired entries are dropped when met
  });

  it('keeps at most maxEntries, making room by dropping the least recently used', () => {
    const cache = new TtlCache<string, number>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // now b is the least recently used
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    cache.set('c', 4); // replacing makes no room
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 4, 2]);
  });

  it('forgets one key or all of them', () => {
    const cache = new TtlCache<number, string>({ ttlMs: 1000 });
    cache.set(1, 'x');
    cache.set(2, 'y');
    expect(cache.delete(1)).toBe(true);
    expect(cache.delete(1)).toBe(false);
    expect(cache.get(2)).toBe('y');
    cache.clear();
    expect(cache.get(2)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
