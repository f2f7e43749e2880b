import { canonicalJson, snapshot } from './canonical-json';

describe('canonicalJson (R-AUD-02)', () => {
  it('does not depend on the order of object keys, also nested', () => {
    const a = { b: 1, a: { y: [1, 2], x: 'z' }, c: null };
    const b = { c: null, a: { x: 'z', y: [1, 2] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"z","y":[1,2]},"b":1,"c":null}');
  });

  it('hashes the same after a jsonb-like round trip that reorders keys', () => {
    const original = { version: 2, name: 'Школа № 17', timeZone: 'Europe/Moscow', roles: ['teacher', 'admin'] };
    // PostgreSQL jsonb stores keys shorter-first; emulate the reordering it does.
    const reordered = Object.fromEntries(Object.entries(original).sort(([x], [y]) => x.length - y.length || (x < y ? -1 : 1)));
    expect(Object.keys(reordered)).not.toEqual(Object.keys(original));
    expect(canonicalJson(JSON.parse(JSON.stringify(reordered)))).toBe(canonicalJson(original));
  });

  it('keeps the order of arrays (it is meaningful)', () => {
    expect(canonicalJson(['teacher', 'admin'])).not.toBe(canonicalJson(['admin', 'teacher']));
  });

  it('writes dates as ISO strings, the same as their JSON round trip', () => {
    const at = new Date('2026-09-01T08:30:00.123Z');
    expect(canonicalJson(at)).toBe('"2026-09-01T08:30:00.123Z"');
    expect(canonicalJson({ at })).toBe(canonicalJson(JSON.parse(JSON.stringify({ at }))));
  });

  it('treats null and undefined as null, drops undefined properties like JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('escapes strings and keys exactly like JSON.stringify and keeps scalars', () => {
    expect(canonicalJson('кавычка " и \\ перевод\nстроки')).toBe(JSON.stringify('кавычка " и \\ перевод\nстроки'));
    expect(canonicalJson({ 'a"b': true })).toBe('{"a\\"b":true}');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-1.5)).toBe('-1.5');
    expect(canonicalJson(false)).toBe('false');
  });

  it('is valid JSON that parses back to an equal value', () => {
    const v = { z: [{ b: 2, a: 1 }], a: 'x', n: null, d: 3.25 };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });

  it('distinguishes values that differ only in type or nesting', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ 'a.b': 1 }));
    expect(canonicalJson([])).not.toBe(canonicalJson({}));
  });
});

describe('snapshot (R-AUD-01)', () => {
  it('makes a plain JSON copy with dates as ISO strings and omitted keys removed', () => {
    const entity = { id: '1', name: 'Школа', createdAt: new Date('2026-01-02T03:04:05.000Z'), passwordHash: 'secret' };
    const s = snapshot(entity, ['passwordHash']);
    expect(s).toEqual({ id: '1', name: 'Школа', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(entity.passwordHash).toBe('secret');
    expect(entity.createdAt).toBeInstanceOf(Date);
  });

  it('gives null for no entity', () => {
    expect(snapshot(null)).toBeNull();
    expect(snapshot(undefined)).toBeNull();
  });
});
