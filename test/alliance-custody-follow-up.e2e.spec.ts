import { apiForSuite } from './support/api-suite';
import { allianceReferral, person } from './support/referrals';

const ENGAGED_AT = '2020-11-03T15:00:00Z';

interface AllianceColumns {
  residence: string | null;
  outcome: string | null;
  followUpDue: string | null;
  followUpFrom: string | null;
  followUpOverdue: boolean;
}

/**
 * The scheme follows a child up "within 24–48 hours of release": a child still held (current
 * status `in-custody`, no release recorded) is not yet owed it, so it is not overdue. All
 * children are synthetic; every date is fixed in the past.
 */
describe('Operation Alliance: the follow-up of a child still in custody', () => {
  const { client, tokens } = apiForSuite({
    ally: { sub: 'ally-1', roles: ['coordinator'], panels: ['ALLIANCE'], agency: 'Haringey Council' },
  });
  let serial = 0;
  const on = async (caseId: string, route: string, body: unknown) => {
    const response = await client.post(`/v1/cases/${caseId}/${route}`, tokens.ally, body);
    expect(response.status).toBe(200);
  };
  /** Engaged, accepted and then remanded: current status `in-custody`. */
  const held = async () => {
    const made = await client.post(
      '/v1/referrals',
      tokens.ally,
      allianceReferral({
        referredAt: ENGAGED_AT,
        person: person({ forenames: 'Remy', surname: `Remanded${serial++}`, dateOfBirth: '2006-04-04', sex: 'male' }),
      }),
    );
    expect(made.status).toBe(201);
    const caseId = made.body.caseId as string;
    await on(caseId, 'accept', { occurredAt: '2020-11-03T15:30:00Z' });
    await on(caseId, 'status', { status: 'in-custody', occurredAt: '2020-11-03T16:00:00Z' });
    return caseId;
  };
  const tracked = async (caseId: string, query = '') => {
    const cohort = await client.get(`/v1/panels/ALLIANCE/cohort?limit=200${query}`, tokens.ally);
    expect(cohort.status).toBe(200);
    const items = cohort.body.items as { caseId: string; alliance: AllianceColumns }[];
    return items.find((item) => item.caseId === caseId)?.alliance;
  };

  it('is not overdue, nor in overdue=true, while the child is held and no release is recorded', async () => {
    const caseId = await held();
    expect(await tracked(caseId)).toEqual({
      residence: 'Haringey',
      outcome: null,
      followUpDue: null,
      followUpFrom: 'awaiting-release',
      followUpOverdue: false,
    });
    expect(await tracked(caseId, '&overdue=true&status=in-custody')).toBeUndefined();
  });

  it('counts from the release once it is recorded, even before the status is changed', async () => {
    const caseId = await held();
    await on(caseId, 'custody-release', { occurredAt: '2020-11-06T10:00:00Z' });
    expect(await tracked(caseId)).toMatchObject({
      followUpDue: '2020-11-08T10:00:00.000Z',
      followUpFrom: 'release',
      followUpOverdue: true,
    });
    expect(await tracked(caseId, '&overdue=true')).toBeDefined();
  });

  it('counts from the engagement when the status leaves in-custody with no release recorded', async () => {
    const caseId = await held();
    await on(caseId, 'status', { status: 'released-awaiting-follow-up', occurredAt: '2020-11-07T09:00:00Z' });
    expect(await tracked(caseId)).toMatchObject({
      followUpDue: '2020-11-05T15:00:00.000Z',
      followUpFrom: 'engagement',
      followUpOverdue: true,
    });
  });

  it('shows the same as of a past day: held, then counting from the release recorded later', async () => {
    const caseId = await held();
    await on(caseId, 'custody-release', { occurredAt: '2020-11-06T10:00:00Z' });
    expect(await tracked(caseId, '&asOf=2020-11-05')).toEqual({
      residence: 'Haringey',
      outcome: null,
      followUpDue: null,
      followUpFrom: 'awaiting-release',
      followUpOverdue: false,
    });
    expect(await tracked(caseId, '&asOf=2020-11-05&overdue=true')).toBeUndefined();
    expect(await tracked(caseId, '&asOf=2020-11-09&overdue=true')).toMatchObject({
      followUpDue: '2020-11-08T10:00:00.000Z',
      followUpFrom: 'release',
      followUpOverdue: true,
    });
  });
});
