import { randomBytes } from 'node:crypto';
import { PiiCipher, sha256 } from './crypto';

const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');

/** Flips one bit in a base64 part of a sealed value. */
function flip(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64');
  return parts.join('.');
}

describe('PiiCipher (R-ROS-03: SNILS encrypted at rest)', () => {
  const cipher = new PiiCipher(KEY);

  it.each(['112-233-445 95', '', 'Иванов Пётр — адрес: г. Тверь, ул. Школьная, д. 5', 'x'.repeat(5000)])('round-trips %#', (plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('seals as v1.iv.tag.ciphertext without the plain text in it', () => {
    const sealed = cipher.encrypt('11223344595');
    const [v, iv, tag, ct] = sealed.split('.');
    expect(v).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ct, 'base64')).toHaveLength(11);
    expect(sealed).not.toContain('11223344595');
  });

  it('uses a fresh IV each time, so equal values do not look equal at rest', () => {
    const a = cipher.encrypt('11223344595');
    const b = cipher.encrypt('11223344595');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  it.each<[1 | 2 | 3, string]>([[1, 'iv'], [2, 'auth tag'], [3, 'ciphertext']])('detects a tampered part %s (%s)', (part) => {
    const sealed = cipher.encrypt('11223344595');
    expect(() => cipher.decrypt(flip(sealed, part))).toThrow();
  });

  it('refuses to decrypt with another key', () => {
    const sealed = cipher.encrypt('11223344595');
    expect(() => new PiiCipher(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it('refuses an unknown format version', () => {
    const sealed = cipher.encrypt('11223344595');
    expect(() => cipher.decrypt(sealed.replace(/^v1\./, 'v2.'))).toThrow(/version/);
    expect(() => cipher.decrypt('11223344595')).toThrow(/version/);
  });

  it('lookupHash matches a SNILS however it is formatted, and depends on the key', () => {
    const h = cipher.lookupHash('112-233-445 95');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.lookupHash('11223344595')).toBe(h);
    expect(cipher.lookupHash('112 233 445 95')).toBe(h);
    expect(cipher.lookupHash('112-233-445 96')).not.toBe(h);
    expect(new PiiCipher(randomBytes(32)).lookupHash('11223344595')).not.toBe(h);
    expect(h).not.toBe(sha256('11223344595'));
  });
});

describe('sha256', () => {
  it('is the hex SHA-256 digest (token storage, R-SEC-01, R-API-02)', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
