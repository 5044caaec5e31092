import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const MARAC_COORDINATOR: TestUser = {
  sub: 'coord-typed',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const AUDITOR: TestUser = { sub: 'aud-typed', agency: 'ICO liaison', roles: ['auditor'] };
const MARAC_AUDITOR: TestUser = {
  sub: 'aud-typed-marac',
  agency: 'IDVA Service',
  roles: ['auditor'],
  panels: ['MARAC'],
};

/**
 * Text people type about a case (a risk rating's rationale, a closure's detail) may name anyone:
 * a victim's report withholds it from an auditor off MARAC and lists it for review, as it does her
 * case's other free text.
 * Synthetic people only.
 */
describe("typed reasons on a MARAC case in the victim's subject access report", () => {
  let api: TestApi;
  const tokens = new Map<TestUser, string>();
  let last = 0;
  const send = async (user: TestUser, method: 'post' | 'get', url: string, body?: object) => {
    const call = request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'subject access review');
    const response = await (method === 'get' ? call.set('X-Min-Position', String(last)) : call.send(body));
    if (typeof response.body?.position === 'number') last = Math.max(last, response.body.position);
    return response;
  };
  beforeAll(async () => {
    api = await startTestApi();
    for (const user of [MARAC_COORDINATOR, AUDITOR, MARAC_AUDITOR]) tokens.set(user, await tokenFor(user));
  });
  afterAll(async () => api.close());

  it("withholds a risk rating's rationale naming the perpetrator from an auditor off MARAC, and lists it for review", async () => {
    const made = await send(
      MARAC_COORDINATOR,
      'post',
      '/v1/referrals',
      maracReferral(
        { person: person({ forenames: 'Ffion', surname: 'Victimhall', postcode: 'E8 1QQ' }) },
        { perpetrator: { forenames: 'Gareth', surname: 'Perpton', dateOfBirth: '1980-01-01' } },
      ),
    );
    expect(made.status).toBe(201);
    const { caseId, personId } = made.body as { caseId: string; personId: string };
    const rated = await send(MARAC_COORDINATOR, 'post', `/v1/cases/${caseId}/risk-rating`, {
      rating: 'red',
      rationale: 'Ffion fears Gareth',
    });
    expect(rated.status).toBe(200);

    const reports = [];
    for (const [auditor, query] of [
      [AUDITOR, ''],
      [MARAC_AUDITOR, '?redactMarac=false'],
    ] as const) {
      const report = await send(auditor, 'get', `/v1/audit/subject-access/${personId}${query}`);
      expect(report.status).toBe(200);
      const reviewed = (report.body.manualReview as { path: string }[]).filter((note) =>
        note.path.endsWith('.rationale'),
      );
      reports.push({
        auditor: auditor.sub,
        namesHim: JSON.stringify(report.body).includes('Gareth'),
        reviewed: reviewed.length,
      });
    }
    expect(reports).toEqual([
      { auditor: 'aud-typed', namesHim: false, reviewed: 1 },
      // A MARAC auditor releasing MARAC content in full gets it as recorded, like every other free text.
      { auditor: 'aud-typed-marac', namesHim: true, reviewed: 0 },
    ]);
  });
});
