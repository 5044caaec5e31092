import { randomUUID } from 'node:crypto';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { identityStream } from '../../../identity/src/domain/person-links';
import { DeterministicPersonResolver } from './person-resolution/deterministic-person-resolver';
import { MatchingPersonResolver } from './person-resolution/matching-person-resolver';
import { caseMoved } from './person-resolution/testing/case-moved';
import type { PersonResolver } from './person-resolution/person-resolver';
import { recordConfirmedMerge, restoringSplit } from '../../../identity/src/testing/confirmed-merge';
import { ReferralHistory } from './referral-history';

const NOTED_AT = '2024-01-01T00:00:00.000Z';
const context = (): CommandContext => coordinatorContext(NOTED_AT);

describe('a person’s referral history across merges (real SQLite log)', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'merged-history-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Written as the match-review route writes it: the older person survives. */
  const confirmMatch = (survivorId: string, mergedId: string) =>
    recordConfirmedMerge(
      store,
      { survivorId, mergedId, reason: 'Same victim: date of birth mistyped', occurredAt: '2024-01-01T00:00:00.000Z' },
      context(),
    );
  const restore = (personId: string, intoPersonId: string) => {
    const data = restoringSplit(personId, intoPersonId, '2024-02-01T00:00:00.000Z');
    return store.append(identityStream(personId), toEventsToAppend([{ type: 'person-split', data }], context()), {
      expected: 'any',
    });
  };

  describe.each<[string, (store: EventStore) => PersonResolver]>([
    ['matching', (s) => new MatchingPersonResolver(s)],
    ['deterministic', (s) => new DeterministicPersonResolver(s)],
  ])('%s resolver: ids standing for a person', (_, resolverOn) => {
    it('follows merges recorded after it started, through chains, and gives a restored person its own ids back', async () => {
      const resolver = resolverOn(store);
      expect(await resolver.idsStandingFor('older')).toEqual(['older']);

      await confirmMatch('middle', 'newest');
      await confirmMatch('older', 'middle');
      for (const id of ['older', 'middle', 'newest']) {
        const ids = await resolver.idsStandingFor(id);
        expect(ids[0]).toBe('older');
        expect([...ids].sort()).toEqual(['middle', 'newest', 'older']);
      }

      await restore('older', 'middle');
      expect(await resolver.idsStandingFor('older')).toEqual(['older']);
      // What was merged into the restored person stays with them.
      expect([...(await resolver.idsStandingFor('newest'))].sort()).toEqual(['middle', 'newest']);
      expect((await resolver.idsStandingFor('newest'))[0]).toBe('middle');
    });
  });

  describe.each<[string, (store: EventStore) => PersonResolver]>([
    ['matching', (s) => new MatchingPersonResolver(s)],
    ['deterministic', (s) => new DeterministicPersonResolver(s)],
  ])('%s resolver: the history follows where each case is now', (_, resolverOn) => {
    const append = (stream: string, type: string, data: object) =>
      store.append(stream, toEventsToAppend([{ type, data }], context()), { expected: 'any' });
    /** As the referral handler writes it: the note on the current person's stream, then the case. */
    const referred = async (notedUnder: string, personId: string, referredAt: string) => {
      const caseId = randomUUID();
      const history = new ReferralHistory(store);
      const { revision } = await history.read(notedUnder);
      await history.note(notedUnder, { caseId, panelCode: 'MARAC', referredAt }, revision, context());
      await append(`case-${caseId}`, 'referral-made', { caseId, panelCode: 'MARAC', personId, occurredAt: referredAt });
      return caseId;
    };
    const moveCase = (personId: string, intoPersonId: string, caseId: string) =>
      append(
        identityStream(personId),
        'person-split',
        caseMoved(personId, intoPersonId, caseId, '2024-02-01T00:00:00.000Z'),
      );
    const casesIn = async (resolver: PersonResolver, personId: string) =>
      (await new ReferralHistory(store).read(personId, await resolver.casesOf(personId))).referrals.map(
        (r) => r.caseId,
      );

    it('a split to a new person takes the case’s referral with it, whoever holds its note', async () => {
      const resolver = resolverOn(store);
      const first = await referred('jenna', 'jenna', '2023-01-16T10:00:00Z');
      const second = await referred('jenna', 'jenna', '2023-03-16T10:00:00Z');
      await moveCase('jenna', 'new-person', second);
      expect(await casesIn(resolver, 'jenna')).toEqual([first]);
      expect(await casesIn(resolver, 'new-person')).toEqual([second]);
      // Ids alone (the IOM upload's reading) still see only the notes.
      expect((await new ReferralHistory(store).read('new-person', ['new-person'])).referrals).toEqual([]);
    });

    it('a restoring split gives back a case referred about the merged id while its note went to the survivor', async () => {
      const resolver = resolverOn(store);
      await confirmMatch('survivor', 'merged');
      const own = await referred('survivor', 'survivor', '2023-01-16T10:00:00Z');
      const aboutMerged = await referred('survivor', 'merged', '2023-03-16T10:00:00Z');
      expect(await casesIn(resolver, 'survivor')).toEqual([own, aboutMerged]);
      await restore('survivor', 'merged');
      expect(await casesIn(resolver, 'survivor')).toEqual([own]);
      expect(await casesIn(resolver, 'merged')).toEqual([aboutMerged]);
    });

    it('counts a note whose case is not opened yet, as before', async () => {
      const resolver = resolverOn(store);
      const caseId = randomUUID();
      await new ReferralHistory(store).note(
        'opening',
        { caseId, panelCode: 'MARAC', referredAt: '2023-01-16T10:00:00Z' },
        'no-stream',
        context(),
      );
      expect(await casesIn(resolver, 'opening')).toEqual([caseId]);
    });
  });

  it('unions the referrals of every id of the person in recorded order, and guards the next note on the current person’s stream only', async () => {
    const history = new ReferralHistory(store);
    const referral = (referredAt: string) => ({ caseId: randomUUID(), panelCode: 'MARAC', referredAt });
    const first = referral('2023-01-16T10:00:00Z');
    const underMergedRecord = referral('2023-04-17T10:00:00Z');
    await history.note('survivor', first, 'no-stream', context());
    await history.note('merged', underMergedRecord, 'no-stream', context());

    // Read back with when each was noted (a case not yet opened is aged by it).
    const noted = (r: ReturnType<typeof referral>) => ({ ...r, notedAt: NOTED_AT });
    expect((await history.read('survivor')).referrals).toEqual([noted(first)]);
    const union = await history.read('survivor', ['survivor', 'merged']);
    expect(union.referrals).toEqual([noted(first), noted(underMergedRecord)]);
    expect(union.revision).toBe(0n);

    const third = referral('2023-06-19T10:00:00Z');
    await history.note('survivor', third, union.revision, context());
    // A concurrent referral that read the same history cannot note beside it unseen.
    await expect(history.note('survivor', referral('2023-06-19T11:00:00Z'), union.revision, context())).rejects.toThrow(
      WrongExpectedRevisionError,
    );
    // Across streams in the order recorded, as readers looking for the newest case expect.
    expect((await history.read('survivor', ['merged'])).referrals).toEqual(
      [first, underMergedRecord, third].map(noted),
    );
    expect((await store.readStream('personreferrals-merged')).map((e) => e.data)).toEqual([underMergedRecord]);
  });
});
