import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import type { TestUser } from './support/tokens';
import { POLICE_PROBATION_DSA, PUBLIC_TASK } from './support/sharing';

const ADMIN: TestUser = { sub: 'ig-pm', agency: 'Partnership Information Governance', roles: ['admin'] };
const POLICE: TestUser = { sub: 'police-pm', agency: 'Metropolitan Police', roles: ['coordinator'], panels: ['MARAC'] };
const PROBATION: TestUser = { sub: 'probation-pm', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };

/**
 * The chair preparing a MARAC case needs to know at once that the man it names is already an IOM
 * nominal, without opening him; a reader off MARAC who was disclosed the victim's name must not
 * learn from it whom the case names. Synthetic people only.
 */
describe('the perpetrator marker on MARAC case views and agendas', () => {
  const { client, tokens } = apiForSuite({ admin: ADMIN, police: POLICE, probation: PROBATION });
  let iom: { caseId: string; personId: string };
  let marac: { caseId: string; personId: string; perpetratorPersonId: string };
  let bare: { caseId: string };

  const made = async (token: string, body: unknown) => {
    const response = await client.post('/v1/referrals', token, body);
    expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 201, errors: undefined });
    return response.body as { caseId: string; personId: string; perpetratorPersonId: string };
  };

  beforeAll(async () => {
    const nominal = {
      forenames: 'Osric',
      surname: 'Markerfield',
      dateOfBirth: '1982-08-19',
      sex: 'male',
      identifiers: { pnc: syntheticPnc(7731) },
    };
    iom = await made(tokens.probation, iomReferral({}, { person: person(nominal) }));
    marac = await made(
      tokens.police,
      maracReferral(
        { person: person({ forenames: 'Ines', surname: 'Markerfield', dateOfBirth: '1987-01-30' }) },
        { perpetrator: nominal, relationshipToVictim: 'partner' },
      ),
    );
    expect(marac.perpetratorPersonId).toBe(iom.personId);
    bare = await made(
      tokens.police,
      maracReferral(
        { person: person({ forenames: 'Yara', surname: 'Nobodynamed', dateOfBirth: '1992-11-02' }) },
        { perpetrator: undefined },
      ),
    );
  });

  it('shows the MARAC reader whom the case names and that he is known to IOM', async () => {
    const view = await client.get(`/v1/cases/${marac.caseId}`, tokens.police).expect(200);
    expect(view.body.perpetrator).toEqual({ personId: iom.personId, alsoKnownTo: ['IOM'] });
    const none = await client.get(`/v1/cases/${bare.caseId}`, tokens.police).expect(200);
    expect(none.body.perpetrator).toBeNull();
  });

  it('shows the same marker on each MARAC agenda item', async () => {
    const meeting = await client.post('/v1/meetings', tokens.police, {
      panel: 'MARAC',
      scheduledFor: '2024-09-03T10:00:00Z',
      chair: 'DI Ruth Amadi',
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meetingId as string;
    for (const caseId of [marac.caseId, bare.caseId]) {
      const listed = await client.post(`/v1/meetings/${meetingId}/cases`, tokens.police, {
        caseId,
        agencyRequests: [{ agency: 'Probation', toBring: 'supervision notes' }],
      });
      expect(listed.status).toBe(201);
    }
    const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.police).expect(200);
    expect(agenda.body.items.map((item: { perpetrator: unknown }) => item.perpetrator)).toEqual([
      { personId: iom.personId, alsoKnownTo: ['IOM'] },
      null,
    ]);
  });

  it('gives nothing of it to a reader off MARAC who was disclosed the case', async () => {
    const dsa = await client.post('/v1/sharing-agreements', tokens.admin, POLICE_PROBATION_DSA);
    expect(dsa.status).toBe(201);
    const disclosed = await client.post('/v1/disclosures', tokens.police, {
      toAgency: 'Probation',
      caseId: marac.caseId,
      fields: ['name', 'dateOfBirth'],
      purpose: 'Offender manager checking who the victim is',
      lawfulBasis: PUBLIC_TASK,
      dsaId: dsa.body.dsaId,
      consent: { given: false, justification: 'Asking would put the victim at risk' },
    });
    expect(disclosed.status).toBe(201);
    const view = await client.get(`/v1/cases/${marac.caseId}`, tokens.probation).expect(200);
    expect(view.body).not.toHaveProperty('perpetrator');
    expect(JSON.stringify(view.body)).not.toContain(iom.personId);
  });
});
