import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { confirmedAsOnePerson, matchReviewQueue, queuedReviewOf } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { mappaReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface PersonView {
  cases: { caseId: string; panel: string }[];
  identifiers: { pnc?: string[] };
}

/**
 * A MAPPA nominal's referral carried a MARAC victim's PNC ID, typed in error. Nothing else about
 * the two is alike, so the matcher put the pair to a reviewer on the PNC ID alone. His coordinator
 * then removed the number from his record. The review must stop saying the identifiers agree, and
 * no confirmation may merge her with him on it. Synthetic people, staff and addresses throughout.
 */
describe('a match review whose agreeing identifier was removed since', () => {
  const { client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    admin: { sub: 'admin-evidence-removed', roles: ['admin'], panels: [] },
  });
  const review = async (id: string) => (await client.get(`/v1/people/match-reviews/${id}`, tokens.admin)).body;
  const inQueue = async (id: string) => (await matchReviewQueue(client, tokens.admin)).some((r) => r.id === id);
  const setPnc = (caseId: string, pnc: string | null, reason: string) =>
    client.post(`/v1/cases/${caseId}/person-details`, tokens.all, { identifiers: { pnc }, reason });

  const proposedOnHerPnc = async (serial: number) => {
    const hers = syntheticPnc(serial);
    const victim = await referredToMarac(
      client,
      tokens.all,
      person({
        forenames: 'Tamsyn',
        surname: 'Wendlecombe',
        dateOfBirth: '1979-10-02',
        sex: 'female',
        postcode: 'N4 2AB',
        address: '4 Synthetic Mews',
        identifiers: { pnc: hers },
      }),
      '2024-05-02T09:00:00Z',
    );
    const nominal = await client.refer(
      tokens.all,
      mappaReferral(
        person({
          forenames: 'Ainslie',
          surname: 'Brockwell',
          dateOfBirth: '1966-02-20',
          sex: 'male',
          postcode: 'SE15 4QR',
          address: '8 Synthetic Parade',
          identifiers: { pnc: hers },
        }),
      ),
    );
    expect(nominal.personId).not.toBe(victim.personId);
    const proposed = await queuedReviewOf(client, tokens.admin, victim.personId, nominal.personId);
    expect(proposed.levels.identifiers).toBe('agree');
    return { hers, victim, nominal, proposed };
  };

  it('leaves the queue, and confirming it is 409 proposal-evidence-removed: the victim is not merged', async () => {
    const { victim, nominal, proposed } = await proposedOnHerPnc(3301);

    expect((await setPnc(nominal.caseId, null, 'typed from her record')).status).toBe(200);

    expect(await inQueue(proposed.id)).toBe(false);
    expect(await review(proposed.id)).toMatchObject({
      status: 'open',
      notInQueue: { rule: 'proposal-evidence-removed' },
    });
    const refused = await client.post(`/v1/people/match-reviews/${proposed.id}/confirm`, tokens.admin, {
      reason: 'identifiers agree',
    });
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 409,
      rule: 'proposal-evidence-removed',
    });
    expect((await review(proposed.id)).status).toBe('open');
    const hers = await client.personView<PersonView>(tokens.admin, victim.personId);
    expect(hers.cases.map((c) => c.panel)).toEqual(['MARAC']);
    const his = await client.personView<PersonView>(tokens.admin, nominal.personId);
    expect(his.cases.map((c) => c.caseId)).toEqual([nominal.caseId]);
  });

  it('may still be rejected', async () => {
    const { nominal, proposed } = await proposedOnHerPnc(3302);
    await setPnc(nominal.caseId, null, 'typed from her record');

    const rejected = await client.post(`/v1/people/match-reviews/${proposed.id}/reject`, tokens.admin, {
      reason: 'the PNC ID was his in error; nothing else alike',
    });
    expect(rejected.status).toBe(200);
    expect((await review(proposed.id)).status).toBe('rejected');
  });

  it('is back in the queue once the value removed in error is set again', async () => {
    const { hers, nominal, proposed } = await proposedOnHerPnc(3303);
    await setPnc(nominal.caseId, null, 'typed from her record');
    expect(await inQueue(proposed.id)).toBe(false);

    expect((await setPnc(nominal.caseId, hers, 'removed in error: probation confirm it is his')).status).toBe(200);

    expect(await inQueue(proposed.id)).toBe(true);
    expect((await review(proposed.id)).notInQueue).toBeUndefined();
  });

  it('is not said to be removed when a restoring split took the agreeing value back to someone else', async () => {
    // Two Morwennas confirmed as one: only the second brought the PNC ID the nominal's referral agrees on.
    const pnc = syntheticPnc(3304);
    const morwenna = (dateOfBirth: string, postcode: string, identifiers = {}) =>
      person({ forenames: 'Morwenna', surname: 'Penrose', dateOfBirth, postcode, identifiers });
    const first = await referredToMarac(client, tokens.all, morwenna('1986-10-07', 'N16 7UX'), '2023-01-16T10:00:00Z');
    const second = await referredToMarac(
      client,
      tokens.all,
      morwenna('1986-10-08', 'E5 0LL', { pnc }),
      '2023-04-17T10:00:00Z',
    );
    await confirmedAsOnePerson(client, tokens.all, first.personId, second.personId);
    const nominal = await client.refer(
      tokens.all,
      mappaReferral(
        person({
          forenames: 'Ainslie',
          surname: 'Brockwell',
          dateOfBirth: '1966-02-20',
          sex: 'male',
          postcode: 'SE15 4QR',
          identifiers: { pnc },
        }),
      ),
    );
    const proposed = await queuedReviewOf(client, tokens.admin, first.personId, nominal.personId);
    expect(proposed.levels.identifiers).toBe('agree');

    const restored = await client.post(`/v1/people/${first.personId}/split`, tokens.all, {
      restore: second.personId,
      reason: 'her GP confirms two women',
    });
    expect(restored.status).toBe(200);

    // Nothing was removed: the review stays where it was before removals were read, and no reviewer
    // is told to set the value again (which would put the second woman's PNC ID on the first).
    const after = await review(proposed.id);
    expect({ status: after.status, notInQueue: after.notInQueue }).toEqual({ status: 'open', notInQueue: undefined });
    expect(await inQueue(proposed.id)).toBe(true);
  });
});
