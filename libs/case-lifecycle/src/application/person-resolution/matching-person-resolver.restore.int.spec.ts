import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toEventsToAppend } from '../../../../command-handling/src/handle-command';
import { WrongExpectedRevisionError } from '../../../../event-store/src/port/errors';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { identityStream, type PersonLinkEvent } from '../../../../identity/src/domain/person-links';
import { ABANDONED_CHANGE_AFTER_MS } from './identity-streams';
import { MatchingPersonResolver, proposalIdFor } from './matching-person-resolver';
import { freshContext } from './testing/fresh-context';
import { morwenna, morwennaWithPnc, PNC_Y, PNC_Z } from './testing/morwenna';
import { reviewerOn } from './testing/reviewer-decisions';
import { resolvedAcrossChange } from './testing/resolved-across-change';

// Synthetic: one woman, referred with no PNC ID, then with PNC ID Y (split off her to a person of
// its own, as a reviewer found it was her sister's), then with PNC ID Z.
const her = morwenna;
const withPnc = morwennaWithPnc;
const Y = PNC_Y;
const Z = PNC_Z;

/** A restore as the split route records it: `restore-begun` on her stream, then the restore on the split-off person's. */
const restoreOf = (store: SqliteEventStore, she: string, splitOff: string, recordId: string) => {
  const append = (personId: string, event: PersonLinkEvent, expected: bigint) =>
    store.append(identityStream(personId), toEventsToAppend([event], freshContext()), {
      expected: expected < 0n ? 'no-stream' : expected,
    });
  const revision = async (personId: string) =>
    (await store.readStream(identityStream(personId))).at(-1)?.revision ?? -1n;
  return {
    begin: async () => {
      const splitOffRevision = Number(await revision(splitOff));
      const data = { personId: she, splitOffPersonId: splitOff, splitOffRevision, occurredAt: '2024-01-01T00:00:00Z' };
      await append(
        she,
        { type: 'restore-begun', data: { ...data, recordIds: [recordId], caseIds: [] } },
        await revision(she),
      );
      return splitOffRevision;
    },
    record: async (splitOffRevision: number) => {
      const data = { personId: splitOff, intoPersonId: she, restored: false, recordIds: [recordId], caseIds: [] };
      const split = { ...data, reason: 'It was her after all', occurredAt: '2024-01-01T00:00:00Z' };
      await append(splitOff, { type: 'person-split', data: split }, BigInt(splitOffRevision));
    },
  };
};

describe('matching person resolver: a link beside a restore onto the same person (real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let she: string;
  let restore: ReturnType<typeof restoreOf>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-restore-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    she = (await new MatchingPersonResolver(store).resolve(her, freshContext())).personId;
    const withY = await new MatchingPersonResolver(store).resolve(withPnc(Y), freshContext());
    expect(withY.personId).toBe(she);
    const splitOff = await reviewerOn(store).splitOff(she, withY.recordId as string);
    restore = restoreOf(store, she, splitOff, withY.recordId as string);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const linksTo = async (personId: string) =>
    (await store.readStream(identityStream(personId))).filter((e) => e.type === 'person-record-linked').length;
  const proposed = async (a: string, b: string) =>
    (await store.readStream(`personmatch-${proposalIdFor(a, b)}`)).map((e) => e.type);
  /** The resolver's clock, a little after the log's events were recorded. */
  const soonAfter = (ms: number) => ({ now: () => Date.parse(freshContext().now) + ms });

  it('scores again a record scored before a restore began onto her, and proposes it beside her', async () => {
    const resolved = await resolvedAcrossChange(store, identityStream(she), withPnc(Z), soonAfter(1000), async () => {
      await restore.record(await restore.begin());
    });

    // Scored again on what she holds now (PNC ID Y came back): Z is another value, never linked to her.
    expect(resolved).toMatchObject({ registered: true });
    expect(await linksTo(she)).toBe(1);
    expect(await proposed(she, resolved.personId)).toEqual(['match-proposed']);
  });

  it('links no record to her while a restore onto her is underway: proposed beside her instead', async () => {
    await restore.begin();

    const resolved = await new MatchingPersonResolver(store, soonAfter(1000)).resolve(withPnc(Z), freshContext());

    expect(resolved).toMatchObject({ registered: true });
    expect(await linksTo(she)).toBe(1);
    expect(await proposed(she, resolved.personId)).toEqual(['match-proposed']);
  });

  it('links to her once the restore underway is settled as never to be recorded', async () => {
    const splitOffRevision = await restore.begin();
    const abandoned = soonAfter(ABANDONED_CHANGE_AFTER_MS + 1000);

    const resolved = await new MatchingPersonResolver(store, abandoned).resolve(withPnc(Z), freshContext());

    expect(resolved).toMatchObject({ personId: she, registered: false });
    // Withdrawn by the referral: the restore, if its process still ran, can no longer be recorded.
    await expect(restore.record(splitOffRevision)).rejects.toThrow(WrongExpectedRevisionError);
  });
});
