import type { Principal } from '../../../platform/src/auth/principal';
import { eachWithThreePeople } from '../testing/three-people-log';
import { ADMIN, adminContext, outcome } from './admin-reviewer.testing';
import { commandsRacing } from './racing-commands.testing';
import { recordedElsewhere } from './recorded-elsewhere.testing';

/**
 * A MARAC referral about A naming B as perpetrator writes `case-naming-begun` on A's stream, then
 * its case (`case-<id>`), which no confirmation of A~B touches. A confirmation whose facts were
 * read between the two saw no case naming them, and merged her with him. Now it is refused as if
 * the case were there; one whose facts were read before the naming began is refused as decided on
 * facts since changed. Synthetic people only.
 */

const given = eachWithThreePeople();
const AT = '2024-06-01T10:00:00Z';
const ACTOR = { id: 'u-3', name: 'Synthetic Referrer', agency: 'Police', roles: ['coordinator'] };
const IOM_ONLY: Principal = {
  id: 'u-4',
  name: 'Synthetic IOM',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};

const record = recordedElsewhere(() => given.fixture.store, ACTOR, AT);

/** As a MARAC referral writes it before its case: about `victim`, naming whoever holds `namedRecordId`. */
const namingBegun = (victim: string, namedRecordId: string, caseId = 'marac-1') =>
  record(`identity-${victim}`, 'case-naming-begun', {
    personId: victim,
    caseId,
    panelCode: 'MARAC',
    namedRecordId,
    occurredAt: AT,
  });

async function proposedAB() {
  for (const id of ['a', 'b', 'c']) await given.log.registered(id);
  await given.log.proposed('ab');
}

const typesOn = async (stream: string) => (await given.fixture.store.readStream(stream)).map((e) => e.type);
const confirmAB = (commands: Awaited<ReturnType<typeof commandsRacing>>['commands'], principal: Principal = ADMIN) =>
  commands.confirm(principal, 'ab', 'Sam is short for Samantha', adminContext());

describe('a confirmation beside a MARAC referral naming its two people as victim and perpetrator', () => {
  it('is refused (409 marac-victim-and-perpetrator, nothing recorded) while her case is being written', async () => {
    await proposedAB();
    await namingBegun('a', 'b');
    const { commands } = await commandsRacing(given.fixture, 'no-race', () => Promise.resolve());

    expect(await outcome(confirmAB(commands))).toBe('conflict marac-victim-and-perpetrator');

    expect(await typesOn('identity-b')).toEqual([]);
    expect(await typesOn('personmatch-ab')).toEqual(['match-proposed']);
  });

  it('tells a reader outside MARAC only that another panel keeps them apart', async () => {
    await proposedAB();
    await namingBegun('b', 'a');
    const { commands } = await commandsRacing(given.fixture, 'no-race', () => Promise.resolve());

    const refused = await confirmAB(commands, IOM_ONLY).catch((error: { rule: string; message: string }) => error);

    expect(refused).toMatchObject({ rule: 'kept-apart-by-another-panel' });
    expect((refused as { message: string }).message).not.toMatch(/marac|perpetrator|victim/i);
  });

  it('is refused (409 person-changed, nothing merged) when the naming began after its facts were read', async () => {
    await proposedAB();
    // The naming lands as the confirmation begins on A.
    const { commands } = await commandsRacing(given.fixture, 'identity-a', () => namingBegun('a', 'b'));

    expect(await outcome(confirmAB(commands))).toBe('conflict person-changed');

    expect(await typesOn('identity-b')).toEqual([]);
    expect(await typesOn('personmatch-ab')).toEqual(['match-proposed']);
  });

  it('merges them when the case being written names someone else', async () => {
    await proposedAB();
    await namingBegun('a', 'c');
    const { commands } = await commandsRacing(given.fixture, 'no-race', () => Promise.resolve());

    expect(await outcome(confirmAB(commands))).toBe('accepted');
  });
});
