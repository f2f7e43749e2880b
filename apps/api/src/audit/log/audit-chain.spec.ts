import { chainHash, type ChainedFields, GENESIS_HASH } from './audit-chain';

const entry = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  schoolKey: '01a2-school', seq: 1, occurredAt: '2026-09-01T08:00:00.000Z', actorUserId: 'u1', actorRole: 'admin',
  action: 'school.update', entity: 'school', entityId: '01a2-school', before: { name: 'A', version: 1 }, after: { name: 'B', version: 2 },
  reason: null, requestId: 'req-1', ...over,
});

describe('chainHash (R-AUD-02)', () => {
  it('is a sha256 hex digest, deterministic', () => {
    expect(chainHash(GENESIS_HASH, entry())).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, entry())).toBe(chainHash(GENESIS_HASH, entry()));
  });

  it('does not depend on key order inside before/after (jsonb reorders them)', () => {
    expect(chainHash(GENESIS_HASH, entry({ after: { version: 2, name: 'B' } }))).toBe(chainHash(GENESIS_HASH, entry()));
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['seq', { seq: 2 }],
    ['time', { occurredAt: '2026-09-01T08:00:00.001Z' }],
    ['actor', { actorUserId: 'u2' }],
    ['role', { actorRole: 'operator' }],
    ['action', { action: 'school.create' }],
    ['entity id', { entityId: 'other' }],
    ['before', { before: { name: 'A', version: 0 } }],
    ['after', { after: { name: 'C', version: 2 } }],
    ['reason', { reason: 'x' }],
    ['request id', { requestId: 'req-2' }],
    ['school', { schoolKey: 'global' }],
  ])('changes when the %s changes', (_, over) => {
    expect(chainHash(GENESIS_HASH, entry(over))).not.toBe(chainHash(GENESIS_HASH, entry()));
  });

  it('links to the previous hash', () => {
    const first = chainHash(GENESIS_HASH, entry());
    expect(chainHash(first, entry({ seq: 2 }))).not.toBe(chainHash(GENESIS_HASH, entry({ seq: 2 })));
  });
});
