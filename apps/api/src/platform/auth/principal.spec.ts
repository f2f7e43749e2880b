import { Forbidden, NotFound } from '../errors/domain-errors';
import { type Actor, hasRole, type Principal, requireRole } from './principal';

const A = 'school-a';
const B = 'school-b';
const user = (memberships: Principal['memberships']): Actor => ({
  principal: { kind: 'user', userId: 'u', personId: 'p', login: 'l', memberships, sessionId: 's' }, requestId: 'r',
});
const integration = (scopes: string[]): Actor => ({
  principal: { kind: 'integration', userId: 't', personId: null, login: 'integration:x', memberships: [{ schoolId: A, roles: ['integration'] }], scopes },
  requestId: 'r',
});

describe('requireRole (R-SEC-02)', () => {
  it('returns the first allowed role the caller holds in that school', () => {
    const a = user([{ schoolId: A, roles: ['teacher', 'admin'] }]);
    expect(requireRole(a, A, ['operator', 'admin'])).toMatchObject({ schoolId: A, role: 'admin', requestId: 'r' });
    const op = user([{ schoolId: A, roles: ['admin', 'operator'] }]);
    expect(requireRole(op, A, ['operator', 'admin']).role).toBe('operator');
  });

  it('answers 404 without any membership in the school, so ids of other schools cannot be probed', () => {
    const a = user([{ schoolId: A, roles: ['admin'] }]);
    expect(() => requireRole(a, B, ['admin'])).toThrow(NotFound);
  });

  it('answers 403 for a member without an allowed role (the director edits nothing)', () => {
    expect(() => requireRole(user([{ schoolId: A, roles: ['director'] }]), A, ['operator', 'admin'])).toThrow(Forbidden);
    expect(() => requireRole(user([{ schoolId: A, roles: ['parent'] }]), A, ['teacher'])).toThrow(Forbidden);
  });

  it('lets an integration token through only where integration is allowed and the scope is granted (R-API-02)', () => {
    expect(requireRole(integration(['roster:read']), A, ['admin', 'integration'], 'roster:read').role).toBe('integration');
    expect(() => requireRole(integration(['diary:read']), A, ['admin', 'integration'], 'roster:read')).toThrow(Forbidden);
    expect(() => requireRole(integration(['roster:read']), A, ['admin', 'integration'])).toThrow(Forbidden);
    expect(() => requireRole(integration(['roster:read']), A, ['admin'], 'roster:read')).toThrow(Forbidden);
    expect(() => requireRole(integration(['roster:read']), B, ['admin', 'integration'], 'roster:read')).toThrow(NotFound);
  });

  it('hasRole tells whether any allowed role is held in that school', () => {
    const a = user([{ schoolId: A, roles: ['teacher'] }, { schoolId: B, roles: ['admin'] }]);
    expect(hasRole(a, A, ['admin'])).toBe(false);
    expect(hasRole(a, B, ['admin'])).toBe(true);
    expect(hasRole(a, 'c', ['admin', 'teacher'])).toBe(false);
  });
});
