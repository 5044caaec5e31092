import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand } from '../../../../command-handling/src/handle-command';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import {
  matchProposalDecider,
  matchStream,
  type MatchProposalCommand,
} from '../../../../identity/src/domain/person-links';
import type { MatchLevels } from '../../../../identity/src/domain/matching';
import { MatchingPersonResolver, proposalIdFor } from './matching-person-resolver';
import type { ReferredPerson } from './person-resolver';
import { freshContext } from './testing/fresh-context';

const context = freshContext;

// Synthetic. Two people recorded apart (birth dates five months apart, Tottenham and Leeds): too
// different to propose. A third referral is the Tottenham woman by name and birth date, living
// next door to the Leeds one: it links to her and reaches the review band with the Leeds woman.
const tottenham: ReferredPerson = {
  forenames: 'Adaeze',
  surname: 'Fairweather',
  dateOfBirth: '1991-03-08',
  sex: 'female',
  postcode: 'N15 5BT',
};
const leeds: ReferredPerson = { ...tottenham, dateOfBirth: '1991-08-13', postcode: 'LS6 2QA' };
const movedNextDoor: ReferredPerson = { ...tottenham, postcode: 'LS6 2QB' };
/** One digit from the Tottenham woman's birth date, in Manchester: her review band only. */
const manchester: ReferredPerson = { ...tottenham, dateOfBirth: '1991-03-18', postcode: 'M1 1AE' };

describe('matching person resolver: review proposals beside an automatic link (real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-beside-link-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const resolve = (person: ReferredPerson) => new MatchingPersonResolver(store).resolve(person, context());
  const proposals = async () =>
    (await store.readAll({})).filter((e) => e.type === 'match-proposed').map((e) => e.data as { personIds: string[] });
  const decide = (a: string, b: string, command: MatchProposalCommand) =>
    handleCommand(store, matchStream(proposalIdFor(a, b)), matchProposalDecider, command, context());
  const occurredAt = '2024-01-01T00:00:00.000Z';

  it('proposes the person the record links to and the other person it resembles, as one person recorded twice', async () => {
    const p = await resolve(tottenham);
    const q = await resolve(leeds);
    expect(await proposals()).toEqual([]);

    const linked = await resolve(movedNextDoor);

    expect(linked).toMatchObject({ personId: p.personId, registered: false });
    const written = await store.readStream(`personmatch-${proposalIdFor(p.personId, q.personId)}`);
    expect(written.map((e) => e.type)).toEqual(['match-proposed']);
    expect(written[0]?.data).toMatchObject({
      personIds: [q.personId, p.personId],
      score: expect.any(Number),
      levels: { residence: 'sector', dateOfBirth: 'within-a-year' },
    });
    expect(linked.position).toBe(written[0]?.position);
  });

  it('proposes nothing beside the link when the two people hold different PNC IDs', async () => {
    await resolve({ ...tottenham, identifiers: { pnc: '1979/0163001B' } });
    await resolve({ ...leeds, identifiers: { pnc: '2002/0073319Z' } });

    const linked = await resolve(movedNextDoor);

    expect(linked.registered).toBe(false);
    expect(await proposals()).toEqual([]);
  });

  it('proposes nothing beside the link when a reviewer rejected one of the people the other now is', async () => {
    const p = await resolve(tottenham);
    const q = await resolve(leeds);
    const q2 = await resolve(manchester);
    expect((await proposals()).map((proposal) => proposal.personIds)).toEqual([[p.personId, q2.personId]]);
    await decide(p.personId, q2.personId, {
      type: 'reject-match',
      data: { reason: 'Different mothers', currentPersonIds: [p.personId, q2.personId], occurredAt },
    });
    // The Manchester record turns out to be the Leeds woman: merged into her.
    await decide(q.personId, q2.personId, {
      type: 'propose-match',
      data: {
        proposalId: proposalIdFor(q.personId, q2.personId),
        personIds: [q.personId, q2.personId],
        score: 1,
        // Made by hand, not by the matcher: its levels play no part in the merge.
        levels: {} as MatchLevels,
        guards: [],
        occurredAt,
      },
    });
    await decide(q.personId, q2.personId, {
      type: 'confirm-match',
      data: {
        reason: 'Same GP letter',
        currentPersonIds: [q.personId, q2.personId],
        registeredAt: { [q.personId]: 1, [q2.personId]: 2 },
        identifiers: [[], []],
        occurredAt,
      },
    });

    const linked = await resolve(movedNextDoor);

    expect(linked).toMatchObject({ personId: p.personId, registered: false });
    expect(await store.readStream(`personmatch-${proposalIdFor(p.personId, q.personId)}`)).toEqual([]);
  });
});
