import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { AUDITOR, COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR, tokenFor } from './support/tokens';

interface TrailItem {
  action: string;
  kind: string;
  actor: { id: string };
  caseIds: string[];
  personIds: string[];
  purpose?: string;
  correlationId?: string;
  pathParameters?: Record<string, string>;
  refused?: { attempted: string; route: string; status: number; rule: string };
}

/**
 * A user probing ids of another panel's cases and people leaves a trace an auditor can find: each
 * refused view is an `access-refused` entry, alike for a record they may not see and one that does
 * not exist, and none of it counts as a read of the person's data in their subject access report.
 */
describe('refused case and person views in the audit trail', () => {
  let api: TestApi;
  const tokens = { maracCoordinator: '', iomCoordinator: '', auditor: '' };
  let maracCase = { caseId: '', personId: '' };

  beforeAll(async () => {
    api = await startTestApi();
    tokens.maracCoordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    tokens.iomCoordinator = await tokenFor(IOM_ONLY_COORDINATOR);
    tokens.auditor = await tokenFor(AUDITOR);
    maracCase = (
      await request(api.app.getHttpServer())
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${tokens.maracCoordinator}`)
        .send(maracReferral({ person: person({ forenames: 'Rae', surname: 'Refusedread' }) }))
        .expect(201)
    ).body as { caseId: string; personId: string };
  });
  afterAll(async () => {
    await api.close();
  });

  const view = (who: keyof typeof tokens, url: string, correlationId: string) =>
    request(api.app.getHttpServer())
      .get(url)
      .set('Authorization', `Bearer ${tokens[who]}`)
      .set('X-Correlation-Id', correlationId)
      .set('X-Purpose', 'checking whether this is ours');
  const trail = async (filter: string): Promise<TrailItem[]> =>
    (await view('auditor', `/v1/audit/trail?${filter}&limit=1000`, randomUUID()).expect(200)).body.items as TrailItem[];
  const withCorrelation = (items: TrailItem[], correlationId: string) =>
    items.filter((item) => item.correlationId === correlationId);

  it("records an IOM coordinator's refused view of a MARAC case, found by the actor and by the case id", async () => {
    const correlationId = randomUUID();
    await view('iomCoordinator', `/v1/cases/${maracCase.caseId}`, correlationId).expect(404);

    const expected = {
      action: 'access-refused',
      kind: 'read',
      actor: expect.objectContaining({ id: IOM_ONLY_COORDINATOR.sub }) as unknown,
      caseIds: [maracCase.caseId],
      purpose: 'checking whether this is ours',
      correlationId,
      pathParameters: { caseId: maracCase.caseId },
      refused: { attempted: 'case-viewed', route: '/v1/cases/:caseId', status: 404, rule: 'case-exists' },
    };
    expect(withCorrelation(await trail(`actor=${IOM_ONLY_COORDINATOR.sub}`), correlationId)).toEqual([
      expect.objectContaining(expected),
    ]);
    expect(withCorrelation(await trail(`caseId=${maracCase.caseId}`), correlationId)).toEqual([
      expect.objectContaining(expected),
    ]);
  });

  it('lets an auditor list refusals by action, and carries what was refused into the CSV trail', async () => {
    const correlationId = randomUUID();
    await view('iomCoordinator', `/v1/cases/${maracCase.caseId}`, correlationId).expect(404);

    const refusals = await trail('action=access-refused');
    expect(withCorrelation(refusals, correlationId)).toHaveLength(1);
    expect(refusals.every((item) => item.action === 'access-refused')).toBe(true);

    const csv = await view('auditor', `/v1/audit/trail?action=access-refused&format=csv`, randomUUID()).expect(200);
    const [header, ...rows] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header?.split(',').at(-1)).toBe('refused');
    const row = rows.find((line) => line.includes(correlationId));
    expect(row).toContain('case-exists');
  });

  it('records a case that does not exist exactly as one the user may not see', async () => {
    const unknownCase = randomUUID();
    const correlationId = randomUUID();
    await view('iomCoordinator', `/v1/cases/${unknownCase}/events`, correlationId).expect(404);

    const [entry, ...more] = withCorrelation(await trail(`caseId=${unknownCase}`), correlationId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'access-refused',
      caseIds: [unknownCase],
      refused: { attempted: 'case-viewed', route: '/v1/cases/:caseId/events', status: 404, rule: 'case-exists' },
    });
  });

  it("records a refused view of a MARAC victim's person record under the person id", async () => {
    const correlationId = randomUUID();
    await view('iomCoordinator', `/v1/people/${maracCase.personId}`, correlationId).expect(404);

    expect(withCorrelation(await trail(`personId=${maracCase.personId}`), correlationId)).toEqual([
      expect.objectContaining({
        action: 'access-refused',
        personIds: [maracCase.personId],
        refused: expect.objectContaining({ attempted: 'person-viewed', status: 404, rule: 'person-exists' }) as unknown,
      }),
    ]);
  });

  it('records nothing for a malformed id (400): no record was looked at', async () => {
    const correlationId = randomUUID();
    await view('iomCoordinator', '/v1/cases/not-a-case-id', correlationId).expect(400);
    await view('iomCoordinator', '/v1/people/not-a-person-id', correlationId).expect(400);

    expect(withCorrelation(await trail(`actor=${IOM_ONLY_COORDINATOR.sub}`), correlationId)).toEqual([]);
  });

  it('records a permitted view as a case view, as before, and no refusal', async () => {
    const correlationId = randomUUID();
    await view('maracCoordinator', `/v1/cases/${maracCase.caseId}`, correlationId).expect(200);

    const entries = withCorrelation(await trail(`caseId=${maracCase.caseId}`), correlationId);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'case-viewed',
        actor: expect.objectContaining({ id: COORDINATOR_ALL_PANELS.sub }) as unknown,
        caseIds: [maracCase.caseId],
        access: { via: 'panel', panel: 'MARAC' },
      }),
    ]);
    expect(entries[0]).not.toHaveProperty('refused');
  });

  it("leaves refused attempts out of the reads of the person's data in their subject access report", async () => {
    const refused = randomUUID();
    const permitted = randomUUID();
    await view('iomCoordinator', `/v1/cases/${maracCase.caseId}`, refused).expect(404);
    await view('maracCoordinator', `/v1/cases/${maracCase.caseId}`, permitted).expect(200);
    // The trail does list the attempt under her: the auditor sees it, the report does not.
    expect(withCorrelation(await trail(`personId=${maracCase.personId}`), refused)).toHaveLength(1);

    const report = await view('auditor', `/v1/audit/subject-access/${maracCase.personId}`, randomUUID()).expect(200);
    const reads = (report.body.reads as TrailItem[]).map((read) => read.correlationId);
    expect(reads).toContain(permitted);
    expect(reads).not.toContain(refused);
    expect(JSON.stringify(report.body)).not.toContain('access-refused');
  });
});
