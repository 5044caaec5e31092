import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../../../../event-store/src/port/errors';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { identityStream, matchStream } from '../../../../identity/src/domain/person-links';
import { ABANDONED_CHANGE_AFTER_MS } from './identity-streams';
import { MatchingPersonResolver, proposalIdFor } from './matching-person-resolver';
import { freshContext } from './testing/fresh-context';
import { morwenna, morwennaWithPnc, PNC_Y, PNC_Z } from './testing/morwenna';
import { mergeOf } from './testing/merge-of';
import { registeredPerson } from './testing/registered-person';
import { reviewerOn } from './testing/reviewer-decisions';
import { resolvedAcrossChange } from './testing/resolved-across-change';

// Synthetic: one woman recorded twice, once with PNC ID Y (A) and once without (B), proposed as
// one person; then referred with PNC ID Z, which alone would join B.
const her = morwenna;
const withPnc = morwennaWithPnc;
const Y = PNC_Y;
const Z = PNC_Z;

describe('matching person resolver: a link beside a merge of the person it links to (real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let a: string;
  let b: string;
  let merge: ReturnType<typeof mergeOf>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-merge-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    a = await registeredPerson(store, 'person-a-with-y', withPnc(Y));
    b = await registeredPerson(store, 'person-b-without', her);
    await reviewerOn(store).propose(a, b);
    merge = mergeOf(store, a, b);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const linksTo = async (personId: string) =>
    (await store.readStream(identityStream(personId))).filter((e) => e.type === 'person-record-linked').length;
  /** The resolver's clock, a little after the log's events were recorded. */
  const soonAfter = (ms: number) => ({ now: () => Date.parse(freshContext().now) + ms });

  it('scores again a record scored before a merge of A and B began, and never links Z to the merged person', async () => {
    const resolved = await resolvedAcrossChange(store, identityStream(b), withPnc(Z), soonAfter(1000), async () => {
      await merge.record(await merge.begin());
    });

    // Scored again on what B holds now (A's PNC ID Y came with the merge): Z is another value.
    expect(resolved).toMatchObject({ registered: true });
    expect([await linksTo(a), await linksTo(b)]).toEqual([0, 0]);
  });

  it('links no record to either while a merge of them is underway: registered and proposed beside them instead', async () => {
    await merge.begin();

    const resolved = await new MatchingPersonResolver(store, soonAfter(1000)).resolve(withPnc(Z), freshContext());

    expect(resolved).toMatchObject({ registered: true });
    expect([await linksTo(a), await linksTo(b)]).toEqual([0, 0]);
    expect(await reviewerOn(store).proposedPairs()).toContainEqual([b, resolved.personId]);
  });

  it('links to B once the merge underway is settled as never to be recorded', async () => {
    const reviewRevision = await merge.begin();
    const abandoned = soonAfter(ABANDONED_CHANGE_AFTER_MS + 1000);

    const resolved = await new MatchingPersonResolver(store, abandoned).resolve(withPnc(Z), freshContext());

    // Z alone joins B, who holds no PNC ID: what a merge underway held back in the tests above.
    expect(resolved).toMatchObject({ personId: b, registered: false });
    // Withdrawn by the referral: the confirmation, if its process still ran, can no longer be recorded.
    expect((await store.readStream(matchStream(proposalIdFor(a, b)))).at(-1)).toMatchObject({
      type: 'merge-withdrawn',
      data: { cause: 'abandoned' },
    });
    await expect(merge.record(reviewRevision)).rejects.toThrow(WrongExpectedRevisionError);
  });
});
