import { describe, expect, it } from 'vitest';
import { createPiiCipher } from './pii-cipher';

const k1 = Buffer.alloc(32, 1).toString('base64');
const k2 = Buffer.alloc(32, 2).toString('base64');

describe('the identity cipher (G31)', () => {
  const c = createPiiCipher({ currentKeyId: 'k1', keys: { k1 } });

  it('seals a value so that neither it nor its digits can be read, and opens it again', () => {
    const sealed = c.seal('id', '620602199001011234')!;
    expect(sealed.startsWith('enc1:k1:')).toBe(true);
    expect(sealed).not.toContain('620602');
    expect(sealed).not.toContain('1234');
    expect(c.open('id', sealed)).toBe('620602199001011234');
    // A fresh nonce each time: equal values do not give equal stored forms (search uses the keyed hash).
    expect(c.seal('id', '620602199001011234')).not.toBe(sealed);
    expect(c.seal('phone', null)).toBeNull();
    expect(c.open('phone', null)).toBeNull();
  });

  it('refuses a value moved to another kind of field or altered', () => {
    const sealed = c.seal('phone', '13800001234')!;
    expect(() => c.open('id', sealed)).toThrow();
    // Flip one bit of every byte in turn (nonce, ciphertext and tag): each must fail authentication.
    // (Editing a base64 character is not enough: it could be replaced by itself.)
    const prefix = sealed.slice(0, sealed.lastIndexOf(':') + 1);
    const body = Buffer.from(sealed.slice(prefix.length), 'base64url');
    for (let i = 0; i < body.length; i++) {
      const altered = Buffer.from(body);
      altered[i] = altered[i]! ^ 0x01;
      expect(() => c.open('phone', `${prefix}${altered.toString('base64url')}`)).toThrow();
    }
  });

  it('opens values of a previous key after rotation and tells them apart from current ones', () => {
    const rotated = createPiiCipher({ currentKeyId: 'k2', keys: { k1, k2 } });
    const old = c.seal('phone', '13800001234')!;
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.open('phone', old)).toBe('13800001234');
    const now = rotated.seal('phone', '13800001234')!;
    expect(now.startsWith('enc1:k2:')).toBe(true);
    expect(rotated.isCurrent(now)).toBe(true);
    // Once the old key is dropped its values cannot be opened: the re-seal must run first.
    expect(() => createPiiCipher({ currentKeyId: 'k2', keys: { k2 } }).open('phone', old)).toThrow(
      'unknown key k1',
    );
  });

  it('passes through a value stored before encryption, for the re-seal to pick up', () => {
    expect(c.open('phone', '13800001234')).toBe('13800001234');
    expect(c.isCurrent('13800001234')).toBe(false);
  });
});
