import { validate, version } from 'uuid';
import { newId } from './ids.js';

describe('newId', () => {
  it('mints valid, unique UUIDv7s that sort in minting order across pool refills', () => {
    const ids = Array.from({ length: 2_000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
