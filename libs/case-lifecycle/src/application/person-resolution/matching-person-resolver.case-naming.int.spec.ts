import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { identityStream } from '../../../../identity/src/domain/person-links';
import { DeterministicPersonResolver } from './deterministic-person-resolver';
import { MatchingPersonResolver } from './matching-person-resolver';
import type { PersonResolver, ReferredPerson } from './person-resolver';
import { freshContext } from './testing/fresh-context';
import { mergeOf } from './testing/merge-of';
import { registeredPerson } from './testing/registered-person';
import { reviewerOn } from './testing/reviewer-decisions';
import { stallingOnce } from './testing/store-faults';

// Synthetic: a victim (A) and the man her MARAC case is about to name (B), proposed as one person.
const her: ReferredPerson = { forenames: 'Samantha', surname: 'Penwith', dateOfBirth: '1990-04-12', sex: 'female' };
const him: ReferredPerson = { forenames: 'Sam', surname: 'Penwith', dateOfBirth: '1989-04-12', sex: 'male' };

const RESOLVERS: [string, (store: EventStore) => PersonResolver][] = [
  ['matching', (store) => new MatchingPersonResolver(store)],
  ['deterministic', (store) => new DeterministicPersonResolver(store)],
];

describe.each(RESOLVERS)(
  '%s resolver: her case about to name him, beside a merge of the two (real SQLite log)',
  (_, resolverOf) => {
    let dir: string;
    let store: SqliteEventStore;
    let a: string;
    let b: string;
    const naming = () => ({
      caseId: 'case-marac-1',
      panelCode: 'MARAC',
      victimId: a,
      perpetratorId: b,
      namedRecordId: b,
    });
    const herStream = async () =>
      (await store.readStream(identityStream(a))).map((e) => ({ type: e.type, data: e.data }));
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'resolver-case-naming-'));
      store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
      a = await registeredPerson(store, 'person-a-victim', her);
      b = await registeredPerson(store, 'person-b-named', him);
      await reviewerOn(store).propose(a, b);
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('records on her stream that the case is coming, naming the case and the record brought in for him', async () => {
      expect(await resolverOf(store).beginCaseNaming(naming(), freshContext())).toBe('begun');

      expect(await herStream()).toEqual([
        {
          type: 'case-naming-begun',
          data: {
            personId: a,
            caseId: 'case-marac-1',
            panelCode: 'MARAC',
            namedRecordId: b,
            occurredAt: expect.any(String),
          },
        },
      ]);
    });

    it('answers one-person, writing nothing, once a merge of the two is recorded', async () => {
      const merge = mergeOf(store, a, b);
      await merge.record(await merge.begin());

      expect(await resolverOf(store).beginCaseNaming(naming(), freshContext())).toBe('one-person');

      expect((await herStream()).map((e) => e.type)).toEqual(['merge-begun']);
    });

    it('never records it beside a merge of the two begun after it read her stream: it looks again, and finds them one', async () => {
      const stalling = stallingOnce(store, (stream) => stream === identityStream(a));
      const beginning = resolverOf(stalling.store).beginCaseNaming(naming(), freshContext());
      await stalling.held;
      const merge = mergeOf(store, a, b);
      await merge.record(await merge.begin());
      stalling.release();

      expect(await beginning).toBe('one-person');
      expect((await herStream()).map((e) => e.type)).toEqual(['merge-begun']);
    });
  },
);
