import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import { commandsRacing } from './racing-commands.testing';
import { recordedElsewhere } from './recorded-elsewhere.testing';

/**
 * A confirmation of A~B merges two people, but is recorded on the review's stream, which a
 * referral's link to A or B never touches: `merge-begun` on A's and B's streams first, so a link
 * racing it is refused on one side or the other. Here a record is linked (as another process's
 * referral would) between the confirmation's read and its appends. Synthetic people only.
 */

const given = eachWithThreePeople();
const AT = '2024-06-01T10:00:00Z';
const ACTOR = { id: 'u-3', name: 'Synthetic Resolver', agency: 'Probation', roles: ['coordinator'] };
const Y = '2004/0012345D';
const Z = '2006/0054321K';

const record = recordedElsewhere(() => given.fixture.store, ACTOR, AT);

/** A referral's record linked to `personId`, as the resolver of any process records it. */
const linked = (personId: string, recordId: string, pnc: string) =>
  record(`identity-${personId}`, 'person-record-linked', {
    personId,
    recordId,
    details: { forenames: 'b', surname: 'Racing', aliases: [], identifiers: { pnc } },
    score: 20,
    levels: {},
    identifierAgreement: false,
    occurredAt: AT,
  });

/** A holding PNC ID Y, B none, proposed as one person. */
async function proposedAB() {
  for (const id of ['a', 'b']) await given.log.registered(id);
  await linked('a', 'ra', Y);
  await given.log.proposed('ab');
}

const events = async (stream: string) =>
  (await given.fixture.store.readStream(stream)).map((e) => ({
    type: e.type,
    position: Number(e.position),
    data: e.data as Record<string, unknown>,
  }));
const confirmAB = (commands: Awaited<ReturnType<typeof commandsRacing>>['commands']) =>
  commands.confirm(ADMIN, 'ab', 'same woman per the GP letter', adminContext());

describe('a confirmation beside a referral linking a record to one of its two people', () => {
  it('is recorded as merge-begun on both people, then the confirmation expecting the review revision it names', async () => {
    await proposedAB();
    const { commands } = await commandsRacing(given.fixture, 'no-race', () => Promise.resolve());

    expect(await outcome(confirmAB(commands))).toBe('accepted');

    const begun = [(await events('identity-a')).at(-1), (await events('identity-b')).at(-1)];
    const data = { proposalId: 'ab', personIds: ['a', 'b'], reviewRevision: 0 };
    expect(begun).toMatchObject([
      { type: 'merge-begun', data: { ...data, personId: 'a' } },
      { type: 'merge-begun', data: { ...data, personId: 'b' } },
    ]);
    const confirmed = (await events('personmatch-ab')).at(-1);
    expect(confirmed).toMatchObject({ type: 'match-confirmed' });
    expect(confirmed?.position).toBeGreaterThan(Math.max(...begun.map((e) => e?.position ?? Infinity)));
  });

  it('is refused (409 person-changed) when a record with another PNC ID was linked to B after its facts were read, merging nobody', async () => {
    await proposedAB();
    // The link lands as the confirmation begins on A, before it begins on B.
    const { commands, index, runtime } = await commandsRacing(given.fixture, 'identity-a', () => linked('b', 'rz', Z));

    expect(await outcome(confirmAB(commands))).toBe('conflict person-changed');

    expect((await events('identity-b')).map((e) => e.type)).not.toContain('merge-begun');
    // Begun on A and withdrawn, so no referral waits for it; the review is still open.
    expect((await events('personmatch-ab')).map((e) => e.type)).toEqual(['match-proposed', 'merge-withdrawn']);
    await runtime.waitUntilProcessed(await given.fixture.store.headPosition(), 5000);
    expect(index.current('b')).toBe('b');
    expect(index.review('ab')).toMatchObject({ status: 'open' });
  });

  it('is withdrawn when it began and could not be recorded, so no referral waits for it', async () => {
    await proposedAB();
    const { commands } = await commandsRacing(given.fixture, 'personmatch-ab', () =>
      Promise.reject(new Error('the store went away')),
    );

    await expect(confirmAB(commands)).rejects.toThrow('the store went away');

    expect((await events('personmatch-ab')).at(-1)).toMatchObject({
      type: 'merge-withdrawn',
      data: { proposalId: 'ab', personIds: ['a', 'b'], cause: 'failed' },
    });
  });

  it('is refused (409 match-review-changed) when the pair was proposed again between its read and its recording', async () => {
    await proposedAB();
    const { commands } = await commandsRacing(given.fixture, 'personmatch-ab', () => given.log.proposed('ab'));

    expect(await outcome(confirmAB(commands))).toBe('conflict match-review-changed');

    expect((await events('personmatch-ab')).map((e) => e.type)).toEqual(['match-proposed', 'match-proposed']);
  });
});
