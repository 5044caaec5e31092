import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

/** A MARAC member may have the report unredacted. */
const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac-shape', panels: ['MARAC'] };
const REDACTED = '[redacted]';
const WITHHELD = '[withheld pending review]';

interface HeldEvent {
  type: string;
  data?: Record<string, unknown> & { details?: Record<string, unknown> };
  about?: { path: string; fields: Record<string, unknown> }[];
}
interface Report {
  cases: { role: string; events: HeldEvent[] }[];
  manualReview: { path: string; reason: string }[];
}

/**
 * A subject access report compiled by someone off MARAC shows a redacted case, but nothing in its
 * shape (consent, the incident, the IDVA status, where the perpetrator is named) says it is a
 * domestic abuse referral. Synthetic people only.
 */
describe('a redacted MARAC case in a subject access report, through HTTP', () => {
  const { client, tokens } = apiForSuite({
    coordinator: COORDINATOR_ALL_PANELS,
    auditor: AUDITOR,
    maracAuditor: MARAC_AUDITOR,
  });
  let victimId: string;
  let perpetratorId: string;

  beforeAll(async () => {
    const referral = maracReferral(
      { person: person({ forenames: 'Nia', surname: 'Shapeless', dateOfBirth: '1989-01-01' }) },
      {
        consent: { given: false, justification: 'Risk of serious harm to the children' },
        perpetrator: { forenames: 'Owain', surname: 'Shapeless', dateOfBirth: '1986-02-02' },
        relationshipToVictim: 'ex-partner',
        crimeReference: '01/000042/24',
      },
    );
    const made = await client.post('/v1/referrals', tokens.coordinator, referral);
    expect(made.status).toBe(201);
    [victimId, perpetratorId] = [made.body.personId, made.body.perpetratorPersonId];
    const caseId = made.body.caseId as string;
    const idva = await client.post(`/v1/cases/${caseId}/status`, tokens.coordinator, {
      status: 'idva-support',
      occurredAt: '2024-05-03T10:00:00Z',
    });
    expect(idva.status).toBe(200);
  });

  const reportOf = async (personId: string, token: string, query = '') =>
    (await client.get(`/v1/audit/subject-access/${personId}${query}`, token, null).expect(200)).body as Report;
  const ofType = (report: Report, type: string) => report.cases[0]?.events.find((e) => e.type === type);

  it("gives the victim's case without consent, incident, crime reference or IDVA status, listing each for a MARAC member", async () => {
    const full = await reportOf(victimId, tokens.maracAuditor, '?redactMarac=false');
    const redacted = await reportOf(victimId, tokens.auditor);
    // The unredacted report holds them: the redacted one has something to leave out.
    expect(ofType(full, 'referral-made')?.data?.details).toMatchObject({
      consent: { given: false },
      incident: { occurredAt: expect.any(String) },
      crimeReference: '01/000042/24',
    });
    expect({
      details: ofType(redacted, 'referral-made')?.data?.details,
      status: ofType(redacted, 'case-status-changed')?.data?.status,
    }).toEqual({
      details: { kind: REDACTED, perpetrator: WITHHELD, children: WITHHELD },
      status: REDACTED,
    });
    const text = JSON.stringify(redacted.cases);
    for (const tell of ['consent', 'incident', 'crimeReference', '01/000042/24', 'idva', 'criteria', 'repeat'])
      expect({ tell, found: text.toLowerCase().includes(tell.toLowerCase()) }).toEqual({ tell, found: false });
    const at = '$.cases[0].events[0].data.details';
    expect(redacted.manualReview.map((note) => note.path)).toEqual(
      expect.arrayContaining([`${at}.consent`, `${at}.incident`, `${at}.crimeReference`]),
    );
  });

  it('gives the perpetrator his part of her case without saying where it names him or that she is a victim', async () => {
    const redacted = await reportOf(perpetratorId, tokens.auditor);
    const named = redacted.cases.find((c) => c.role === 'named');
    expect(named?.events.map((e) => e.about)).toEqual([[{ path: REDACTED, fields: { personId: perpetratorId } }]]);
    expect(JSON.stringify(redacted.cases)).not.toMatch(/perpetrator|victim/i);
  });
});
