import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../libs/event-store/src/port/event-store';
import type { TestApi } from './test-api';

/**
 * A split of records and cases off `personId` onto a new person, appended as a release without
 * the rule that a case moves with its referral's record recorded it: events are kept for ever, so
 * a log may hold a case parted from that record. Answers the new person and the log position,
 * for reads sent with `X-Min-Position`.
 */
export async function splitRecordedBefore(
  api: TestApi,
  personId: string,
  moved: { readonly recordIds: readonly string[]; readonly caseIds: readonly string[] },
  reason = 'Two people under one name',
): Promise<{ intoPersonId: string; position: number }> {
  const at = new Date().toISOString();
  const intoPersonId = randomUUID();
  const { position } = await api.app.get<symbol, EventStore>(EVENT_STORE).append(
    `identity-${personId}`,
    [
      {
        id: randomUUID(),
        type: 'person-split',
        data: { personId, intoPersonId, restored: false, ...moved, reason, occurredAt: at },
        metadata: {
          actor: {
            id: 'coordinator-1',
            name: 'Casey Coordinator',
            agency: 'Metropolitan Police',
            roles: ['coordinator'],
          },
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt: at,
          recordedAt: at,
          schemaVersion: 1,
        },
      },
    ],
    { expected: 'any' },
  );
  return { intoPersonId, position: Number(position) };
}
