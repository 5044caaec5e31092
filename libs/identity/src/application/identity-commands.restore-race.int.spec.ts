import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import { commandsRacing } from './racing-commands.testing';
import { recordedElsewhere } from './recorded-elsewhere.testing';

/**
 * A restore of a person split off A gives records back to A, but is recorded on the split-off
 * person's stream: `restore-begun` on A's first, so a referral's link to A racing it is refused on
 * one side or the other. Here a record is linked (as another process's referral would) between the
 * restore's read and each of its two appends. Synthetic people only.
 */

const given = eachWithThreePeople();
const AT = '2024-06-01T10:00:00Z';
const ACTOR = { id: 'u-3', name: 'Synthetic Resolver', agency: 'Probation', roles: ['coordinator'] };

const record = recordedElsewhere(() => given.fixture.store, ACTOR, AT);

/** A referral's record linked to `personId`, as the resolver of any process records it. */
const linked = (personId: string, recordId: string, pnc?: string) =>
  record(`identity-${personId}`, 'person-record-linked', {
    personId,
    recordId,
    details: { forenames: 'a', surname: 'Racing', aliases: [], identifiers: pnc === undefined ? {} : { pnc } },
    score: 20,
    levels: {},
    identifierAgreement: false,
    occurredAt: AT,
  });

/** A with a later referral's record r (a PNC ID) and its case c2, split off A to S. */
async function splitOffS() {
  await given.log.registered('a');
  await linked('a', 'r', '2004/0012345D');
  await record('case-c2', 'referral-made', {
    caseId: 'c2',
    panelCode: 'IOM',
    personId: 'a',
    occurredAt: AT,
    details: { kind: 'iom' },
  });
  await record('identity-a', 'person-split', {
    personId: 'a',
    intoPersonId: 's',
    restored: false,
    recordIds: ['r'],
    caseIds: ['c2'],
    reason: 'his brother',
    occurredAt: AT,
  });
}

const events = async (personId: string) =>
  (await given.fixture.store.readStream(`identity-${personId}`)).map((e) => ({
    type: e.type,
    revision: Number(e.revision),
    position: Number(e.position),
    data: e.data as Record<string, unknown>,
  }));
const restoreS = { reason: 'it was him after all', restore: 's' };

describe('a restore beside a referral linking a record to one of its two people', () => {
  it('is recorded as restore-begun on the person it gives back to, then the restore expecting the revision it names', async () => {
    await splitOffS();
    const { commands } = await commandsRacing(given.fixture, 'no-race', () => Promise.resolve());

    expect(await outcome(commands.split(ADMIN, 'a', restoreS, adminContext()))).toBe('accepted');

    const begun = (await events('a')).at(-1);
    expect(begun).toMatchObject({
      type: 'restore-begun',
      data: { personId: 'a', splitOffPersonId: 's', splitOffRevision: -1, recordIds: ['r'], caseIds: ['c2'] },
    });
    const [restored] = await events('s');
    expect(restored).toMatchObject({ type: 'person-split', revision: 0, data: { intoPersonId: 'a' } });
    expect(restored?.position).toBeGreaterThan(begun?.position ?? Infinity);
  });

  it('is refused (409 person-changed) when a record was linked to the person it gives back to after its facts were read, recording nothing', async () => {
    await splitOffS();
    const { commands } = await commandsRacing(given.fixture, 'identity-a', () => linked('a', 'z', '2006/0054321K'));

    expect(await outcome(commands.split(ADMIN, 'a', restoreS, adminContext()))).toBe('conflict person-changed');

    expect((await events('a')).map((e) => e.type)).not.toContain('restore-begun');
    expect(await events('s')).toEqual([]);
  });

  it('is refused (409 person-changed) when a record was linked to the split-off person after it began, recording nothing more', async () => {
    await splitOffS();
    const { commands } = await commandsRacing(given.fixture, 'identity-s', () => linked('s', 'z'));

    expect(await outcome(commands.split(ADMIN, 'a', restoreS, adminContext()))).toBe('conflict person-changed');

    // The link recorded after its revision settles the restore begun on A as never to be.
    expect((await events('a')).at(-1)).toMatchObject({ type: 'restore-begun', data: { splitOffRevision: -1 } });
    expect((await events('s')).map((e) => e.type)).toEqual(['person-record-linked']);
  });

  it('is withdrawn when it began and could not be recorded, so no referral waits for it', async () => {
    await splitOffS();
    const { commands } = await commandsRacing(given.fixture, 'identity-s', () =>
      Promise.reject(new Error('the store went away')),
    );

    await expect(commands.split(ADMIN, 'a', restoreS, adminContext())).rejects.toThrow('the store went away');

    expect(await events('s')).toMatchObject([{ type: 'restore-withdrawn', revision: 0, data: { cause: 'failed' } }]);
  });
});
