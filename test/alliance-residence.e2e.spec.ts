import { apiForSuite } from './support/api-suite';
import { allianceReferral, person } from './support/referrals';
import { ANALYST } from './support/tokens';

/**
 * Out of area means living outside Enfield and Haringey, however the borough was typed: a home
 * child taken as out of area is handed to "their local MASH" and drops off the follow-up tracker,
 * and the evaluation counts them as resident elsewhere. All children are synthetic.
 */
describe('Operation Alliance: residence typed in full still names the home borough', () => {
  const { client, tokens } = apiForSuite({
    ally: { sub: 'ally-1', roles: ['coordinator'], panels: ['ALLIANCE'], agency: 'Haringey Council' },
    analyst: ANALYST,
  });
  let serial = 0;
  const refer = async (residence: string, referredAt: string) => {
    const made = await client.post(
      '/v1/referrals',
      tokens.ally,
      allianceReferral(
        {
          referredAt,
          person: person({ forenames: 'Kai', surname: `Resident${serial++}`, dateOfBirth: '2010-03-03', sex: 'male' }),
        },
        { residence },
      ),
    );
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const followUpDueOf = async (caseId: string) => {
    const tracker = await client.get('/v1/panels/ALLIANCE/cohort?limit=500', tokens.ally);
    const items = tracker.body.items as { caseId: string; alliance: { followUpDue: string | null } }[];
    return items.find((item) => item.caseId === caseId)?.alliance.followUpDue;
  };

  it.each([
    'London Borough of Enfield',
    'LB Haringey',
    'Haringey Council',
    'Enfield, London',
    'Tottenham, Haringey',
    'Haringey.',
  ])(
    'refuses the out-of-area MASH outcome for a child living in %j (422), keeping the follow-up owed',
    async (typed) => {
      const caseId = await refer(typed, '2025-11-05T15:00:00Z');
      const outcome = await client.post(`/v1/cases/${caseId}/engagement-outcome`, tokens.ally, {
        outcome: 'out-of-area-mash-referral',
        occurredAt: '2025-11-05T16:00:00Z',
      });
      expect(outcome.status).toBe(422);
      expect(outcome.body.errors[0]).toMatchObject({ field: 'outcome', rule: 'alliance-out-of-area-residence' });
      expect(await followUpDueOf(caseId)).toBe('2025-11-07T15:00:00.000Z');
    },
  );

  it('records it for a child living elsewhere, who then owes the scheme no follow-up', async () => {
    const caseId = await refer('London Borough of Islington', '2025-11-05T15:00:00Z');
    const outcome = await client.post(`/v1/cases/${caseId}/engagement-outcome`, tokens.ally, {
      outcome: 'out-of-area-mash-referral',
      occurredAt: '2025-11-05T16:00:00Z',
    });
    expect(outcome.status).toBe(200);
    expect(await followUpDueOf(caseId)).toBeNull();
  });

  it('counts the evaluation table by the borough the residence names', async () => {
    const typed = ['London Borough of Enfield', 'Enfield, London', 'LB Haringey', 'Haringey Council', 'Islington'];
    for (const residence of typed) {
      const caseId = await refer(residence, '2025-12-04T15:00:00Z');
      const outcome = await client.post(`/v1/cases/${caseId}/engagement-outcome`, tokens.ally, {
        outcome: 'would-not-engage',
        occurredAt: '2025-12-04T16:00:00Z',
      });
      expect(outcome.status).toBe(200);
    }
    const report = await client.get(
      '/v1/analytics/alliance/engagement?from=2025-12-01&to=2025-12-31',
      tokens.analyst,
      null,
    );
    expect(report.status).toBe(200);
    expect(report.body.total.residence).toEqual({ Enfield: 2, Haringey: 2, other: 1 });
  });
});
