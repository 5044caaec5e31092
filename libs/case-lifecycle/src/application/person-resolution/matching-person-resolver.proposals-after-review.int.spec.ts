import { MatchingPersonResolver } from './matching-person-resolver';
import type { PersonResolution, ReferredPerson } from './person-resolver';
import { adaeze } from './testing/adaeze';
import { freshContext } from './testing/fresh-context';
import { reviewerOn } from './testing/reviewer-decisions';
import { rowContext } from './testing/row-context';
import { crashingOnce } from './testing/store-faults';
import { sqliteLogForEach } from './testing/sqlite-log-for-each';

// Synthetic. As in the beside-link spec: Tottenham and Leeds are too different to propose; the
// woman who moved next door to Leeds links to Tottenham and resembles Leeds (review band).
const tottenham = adaeze;
const leeds: ReferredPerson = { ...adaeze, dateOfBirth: '1991-08-13', postcode: 'LS6 2QA' };
const movedNextDoor: ReferredPerson = { ...adaeze, postcode: 'LS6 2QB' };
const unrelated: ReferredPerson = {
  forenames: 'Tobiah',
  surname: 'Quennell',
  dateOfBirth: '1962-11-30',
  sex: 'male',
  postcode: 'EX4 6PX',
};
/** Born ten days after Tottenham, in Manchester: the review band with each of `lookalikes`, no more. */
const manchester: ReferredPerson = { ...adaeze, dateOfBirth: '1991-03-18', postcode: 'M1 1AE' };
/** Five women one digit or so from the Manchester one, none linked to another. */
const lookalikes: ReferredPerson[] = [
  adaeze,
  { ...adaeze, dateOfBirth: '1991-03-28', postcode: 'B1 1AA' },
  { ...adaeze, dateOfBirth: '1991-03-13', postcode: 'CF10 1AA' },
  { ...adaeze, dateOfBirth: '1991-01-18', postcode: 'G1 1AA' },
  { ...adaeze, dateOfBirth: '1991-03-19', postcode: 'BS1 1AA' },
];

const pairKey = (pair: readonly string[]) => [...pair].sort().join('~');
const recordOf = ({ recordId }: PersonResolution): string => {
  if (recordId === undefined) throw new Error('the resolution names no record');
  return recordId;
};

describe('matching person resolver: what reviewers decided since is not put to them again (real SQLite log)', () => {
  const log = sqliteLogForEach('resolver-after-review');
  const resolve = (person: ReferredPerson) => new MatchingPersonResolver(log()).resolve(person, freshContext());

  it('does not ask to merge back a person a reviewer split off; the rejected pair stays rejected', async () => {
    const reviewer = reviewerOn(log());
    const p = await resolve(tottenham);
    const q = await resolve(leeds);
    const linked = await resolve(movedNextDoor);
    await reviewer.reject(p.personId, q.personId);
    const p2 = await reviewer.splitOff(p.personId, recordOf(linked));

    const again = await resolve(movedNextDoor);

    expect(again).toMatchObject({ personId: p2, registered: false });
    const asked = (await reviewer.proposedPairs()).map(pairKey);
    expect(asked).not.toContain(pairKey([p.personId, p2]));
    // The split says the moved record is not Tottenham's: whether it is the Leeds woman's is new.
    expect(asked).toEqual([pairKey([q.personId, p.personId]), pairKey([q.personId, p2])]);
  });

  it('keeps apart the person split from and whoever the split-off person is merged into since', async () => {
    const reviewer = reviewerOn(log());
    const p = await resolve(tottenham);
    const linked = await resolve(movedNextDoor);
    const p2 = await reviewer.splitOff(p.personId, recordOf(linked));
    // The Leeds woman is registered beside the moved record; a reviewer finds it is hers.
    const q = await resolve(leeds);
    expect((await reviewer.proposedPairs()).map(pairKey)).toEqual([pairKey([p2, q.personId])]);
    await reviewer.confirm(p2, q.personId);

    await resolve(movedNextDoor);

    expect((await reviewer.proposedPairs()).map(pairKey)).toEqual([pairKey([p2, q.personId])]);
  });

  it('does not queue a pair still open under the ids it was proposed with, after a merge renamed one', async () => {
    const reviewer = reviewerOn(log());
    const p = await resolve(tottenham);
    const s = await resolve(unrelated);
    const q = await resolve(leeds);
    await resolve(movedNextDoor);
    // The Leeds woman turns out to be the one registered before her: merged into him (he survives).
    await reviewer.propose(s.personId, q.personId);
    await reviewer.confirm(s.personId, q.personId);

    const again = await resolve(movedNextDoor);

    expect(again).toMatchObject({ personId: p.personId, registered: false });
    expect((await reviewer.proposedPairs()).map(pairKey)).toEqual([
      pairKey([q.personId, p.personId]),
      pairKey([s.personId, q.personId]),
    ]);
  });

  it('leaves pairs already in the queue out of the three a referral may add', async () => {
    const reviewer = reviewerOn(log());
    const known = [];
    for (const person of lookalikes) known.push((await resolve(person)).personId);
    const first = await resolve(manchester);
    const partners = async () =>
      (await reviewer.proposedPairs()).filter((pair) => pair.includes(first.personId)).map(pairKey);
    expect(await partners()).toHaveLength(3);

    const again = await resolve(manchester);

    expect(again).toMatchObject({ personId: first.personId, registered: false });
    const asked = await partners();
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.sort()).toEqual(known.map((id) => pairKey([id, first.personId])).sort());
  });

  describe('an open proposal whose scored record a split moved off its second person', () => {
    // Synthetic. A in Truro; B born six days later in Plymouth (the review band with A); B again,
    // in another Plymouth street, links to B and also reaches the review band with A.
    const tristan = (dateOfBirth: string, postcode: string): ReferredPerson => ({
      forenames: 'Tristan',
      surname: 'Polkinghorne',
      sex: 'male',
      dateOfBirth,
      postcode,
    });
    const truro = tristan('1983-04-11', 'TR7 1AA');
    const plymouth = tristan('1983-04-17', 'PL4 2BB');
    const movedInPlymouth = tristan('1983-04-17', 'PL1 3CC');
    const proposalsOf = async (reviewer: ReturnType<typeof reviewerOn>, a: string, b: string) =>
      (await reviewer.proposedPairs()).filter((pair) => pairKey(pair) === pairKey([a, b]));

    /** A~B proposed on B's registration, B referred again, then that registration record split off B. */
    async function staleProposal() {
      const reviewer = reviewerOn(log());
      const a = await resolve(truro);
      const b = await resolve(plymouth);
      expect(await proposalsOf(reviewer, a.personId, b.personId)).toEqual([[a.personId, b.personId]]);
      expect(await resolve(movedInPlymouth)).toMatchObject({ personId: b.personId, registered: false });
      await reviewer.splitOff(b.personId, b.personId);
      return { reviewer, a, b };
    }

    it('is proposed again on a later record of that person that scores against the first, once', async () => {
      const { reviewer, a, b } = await staleProposal();

      const third = await resolve(movedInPlymouth);

      expect(third).toMatchObject({ personId: b.personId, registered: false });
      expect(await proposalsOf(reviewer, a.personId, b.personId)).toEqual([
        [a.personId, b.personId],
        [a.personId, b.personId],
      ]);
      // Proposed on a record B holds: the next referral of him adds nothing.
      await resolve(movedInPlymouth);
      expect(await proposalsOf(reviewer, a.personId, b.personId)).toHaveLength(2);
    });

    it('a retried job row that proposed it again writes nothing more', async () => {
      const { reviewer, a, b } = await staleProposal();
      const row = rowContext('2024-02/person/tristan');
      await new MatchingPersonResolver(log()).resolve(movedInPlymouth, row);

      await new MatchingPersonResolver(log()).resolve(movedInPlymouth, row);

      expect(await proposalsOf(reviewer, a.personId, b.personId)).toHaveLength(2);
    });

    it('is not proposed again once a reviewer rejected it', async () => {
      const { reviewer, a, b } = await staleProposal();
      await reviewer.reject(a.personId, b.personId);

      await resolve(movedInPlymouth);

      expect(await proposalsOf(reviewer, a.personId, b.personId)).toHaveLength(1);
    });
  });

  it('a retried job row that died between its proposals writes the same three, not a fourth', async () => {
    const reviewer = reviewerOn(log());
    for (const person of lookalikes) await resolve(person);
    const row = rowContext('2024-02/person/manchester');
    let proposing = 0;
    const dying = crashingOnce(log(), (stream) => stream.startsWith('personmatch-') && ++proposing === 2);
    await expect(new MatchingPersonResolver(dying).resolve(manchester, row)).rejects.toThrow('process died');

    const retried = await new MatchingPersonResolver(log()).resolve(manchester, row);

    const asked = (await reviewer.proposedPairs()).filter((pair) => pair.includes(retried.personId));
    expect(asked).toHaveLength(3);
  });
});
