import type { EventStore } from '../../../event-store/src/port/event-store';
import type { ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import type { AuditTrailQuery } from '../projections/audit-trail.query';
import { personIndexUnseen } from './person-index-unseen.testing';
import { SubjectAccessService } from './subject-access.service';

/**
 * The audit trail and the subject access report answer only complete up to the log's head. When
 * they cannot, the 503 says why in its rule, as every 503 does, so a client can tell "retry" cases
 * apart; and they wait on the trail (and the person index) alone.
 */
describe('SubjectAccessService.upToDate', () => {
  const store = { headPosition: () => Promise.resolve(41n) } as unknown as EventStore;
  const trail = (current: boolean) => ({ isCurrent: () => current }) as unknown as AuditTrailQuery;

  it('waits on the trail alone, and on the person index too when asked', async () => {
    const asked: (readonly string[] | undefined)[] = [];
    const progress: ReadModelProgress = {
      waitUntilProcessed: (_p, _t, views) => (asked.push(views), Promise.resolve(true)),
    };
    const service = new SubjectAccessService(store, trail(true), personIndexUnseen);
    await expect(service.upToDate(progress, 50)).resolves.toBe(41n);
    await service.upToDate(progress, 50, true);
    expect(asked).toEqual([['audit_trail'], ['audit_trail', 'person_index']]);
  });

  it('refuses with read-your-writes-timeout when the trail does not reach the head in time', async () => {
    const progress: ReadModelProgress = { waitUntilProcessed: () => Promise.resolve(false) };
    const service = new SubjectAccessService(store, trail(true), personIndexUnseen);
    await expect(service.upToDate(progress, 50)).rejects.toMatchObject({
      status: 503,
      response: { rule: 'read-your-writes-timeout' },
    });
  });

  it('refuses at once with the rule the wait gave (a trail frozen during its version bump)', async () => {
    const refusal = { rule: 'read-model-rebuilding', message: 'audit_trail is being rebuilt as version 9' } as const;
    const progress: ReadModelProgress = {
      waitUntilProcessed: () => Promise.resolve(false),
      reach: () => Promise.resolve({ reached: false, refusal }),
    };
    const service = new SubjectAccessService(store, trail(true), personIndexUnseen);
    await expect(service.upToDate(progress, 50)).rejects.toMatchObject({ status: 503, response: refusal });
  });

  it('refuses with read-model-rebuilding when the version answering is not the one its queries read', async () => {
    const progress: ReadModelProgress = { waitUntilProcessed: () => Promise.resolve(true) };
    const service = new SubjectAccessService(store, trail(false), personIndexUnseen);
    await expect(service.upToDate(progress, 50)).rejects.toMatchObject({
      status: 503,
      response: { rule: 'read-model-rebuilding' },
    });
  });
});
