import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import type { MergedWhileOnePlaced } from '../domain/person-links';

const AT = '2024-06-01T10:00:00Z';
const ACTOR = { id: 'u-1', name: 'Synthetic Coordinator', agency: 'Probation', roles: ['admin'] };

/** The three pairs of A, B and C; each pair's review id is its name (`personmatch-ab` ...). */
export const THREE_PAIRS = { ab: ['a', 'b'], bc: ['b', 'c'], ac: ['a', 'c'] } as const;
export type ThreePair = keyof typeof THREE_PAIRS;

/**
 * Writes the identity events of three synthetic people, A, B and C, straight into a log (as
 * another process would), for specs of how reviewers' decisions fold. Each person has one IOM case.
 */
export function threePeopleLog(store: EventStore) {
  const record = async (stream: string, type: string, data: object): Promise<void> => {
    const metadata = { actor: ACTOR, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: AT };
    await store.append(
      stream,
      [{ id: randomUUID(), type, data, metadata: { ...metadata, recordedAt: AT, schemaVersion: 1 } }],
      { expected: 'any' },
    );
  };
  const registration = async (personId: string): Promise<number> =>
    Number((await store.readStream(`person-${personId}`))[0]?.position ?? -1);
  const decided = (pair: ThreePair, type: string, data: object) =>
    record(`personmatch-${pair}`, type, { proposalId: pair, personIds: THREE_PAIRS[pair], occurredAt: AT, ...data });
  const log = {
    registered: async (id: string) => {
      await record(`person-${id}`, 'person-registered', {
        personId: id,
        details: { forenames: id, surname: 'Racing', aliases: [], identifiers: {} },
        occurredAt: AT,
      });
      await record(`case-${id}`, 'referral-made', {
        caseId: id,
        panelCode: 'IOM',
        personId: id,
        occurredAt: AT,
        details: { kind: 'iom' },
      });
    },
    proposed: (pair: ThreePair) => decided(pair, 'match-proposed', { score: 3, levels: {}, guards: [] }),
    /** As the confirm command writes it: the two people as they were when it was decided. */
    confirmed: async (pair: ThreePair, survivorId: string, mergedId: string) =>
      decided(pair, 'match-confirmed', {
        survivorId,
        mergedId,
        registeredAt: { [survivorId]: await registration(survivorId), [mergedId]: await registration(mergedId) },
        reason: 'same man per probation',
      }),
    /** As a release before v8 of the person index wrote it: no registration positions. */
    confirmedWithoutRegistrations: (pair: ThreePair, survivorId: string, mergedId: string) =>
      decided(pair, 'match-confirmed', { survivorId, mergedId, reason: 'same man per probation' }),
    rejected: (pair: ThreePair) =>
      decided(pair, 'match-rejected', { reason: 'different mothers on the birth records' }),
    reopened: (pair: ThreePair, previously: 'confirmed' | 'rejected') =>
      decided(pair, 'match-reopened', { previously, reason: 'second look' }),
    /** `mergedWhileOne`: where the unmerge sorted each person merged in while the two were one. */
    restored: (personId: string, intoPersonId: string, mergedWhileOne?: readonly MergedWhileOnePlaced[]) =>
      record(`identity-${personId}`, 'person-split', {
        personId,
        intoPersonId,
        restored: true,
        recordIds: [],
        caseIds: [],
        ...(mergedWhileOne === undefined ? {} : { mergedWhileOne }),
        reason: 'wrong merge',
        occurredAt: AT,
      }),
    /** A, B, C proposed pairwise and A–B confirmed (A survives): the facts two reviewers decide on. */
    abConfirmed: async () => {
      for (const id of ['a', 'b', 'c']) await log.registered(id);
      for (const pair of ['ab', 'bc', 'ac'] as const) await log.proposed(pair);
      await log.confirmed('ab', 'a', 'b');
    },
  };
  return log;
}

export type ThreePeopleLog = ReturnType<typeof threePeopleLog>;

/** A fresh embedded log and read-model directory for each test of the calling spec. */
export function eachWithThreePeople(): { readonly fixture: ReadModelFixture; readonly log: ThreePeopleLog } {
  const current = {} as { fixture: ReadModelFixture; log: ThreePeopleLog };
  beforeEach(() => {
    current.fixture = new ReadModelFixture();
    current.log = threePeopleLog(current.fixture.store);
  });
  afterEach(() => current.fixture.cleanUp());
  return current;
}
