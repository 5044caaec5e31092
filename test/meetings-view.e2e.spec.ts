import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** A coordinator opening a meeting sees whom it discusses, as the agenda route shows them. */
describe('GET /v1/meetings/{id}', () => {
  let api: TestApi;
  let token: string;
  /** The latest position written, sent as X-Min-Position so reads follow the writes. */
  let written = 0;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });
  const write = async (url: string, body: unknown, status: number) => {
    const response = await request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object)
      .expect(status);
    written = Math.max(written, Number(response.body.position));
    return response.body as Record<string, unknown>;
  };
  const get = (url: string, as: string = token) =>
    request(api.app.getHttpServer())
      .get(url)
      .set('Authorization', `Bearer ${as}`)
      .set('X-Purpose', 'meeting preparation')
      .set('X-Min-Position', String(written));

  it('gives each agenda item the same tracker columns as the agenda route: who the case is about and how it stands', async () => {
    const victim = await write(
      '/v1/referrals',
      maracReferral(
        { person: person({ forenames: 'Wanjiru', surname: 'Meetingview', dateOfBirth: '1986-05-21' }) },
        { dashScore: 16 },
      ),
      201,
    );
    const caseId = victim.caseId as string;
    const meeting = await write(
      '/v1/meetings',
      { panel: 'MARAC', scheduledFor: '2024-08-06T10:00:00Z', chair: 'DS Helen Marsh' },
      201,
    );
    const meetingId = meeting.meetingId as string;
    await write(
      `/v1/meetings/${meetingId}/cases`,
      { caseId, agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }] },
      201,
    );
    await write(`/v1/cases/${caseId}/risk-rating`, { rating: 'red', rationale: 'Escalating threats' }, 200);

    const viewed = await get(`/v1/meetings/${meetingId}`).expect(200);
    expect(viewed.body).toMatchObject({ meetingId, panelCode: 'MARAC', chair: 'DS Helen Marsh' });
    expect(viewed.body.agenda).toEqual([
      {
        caseId,
        personId: victim.personId,
        displayName: 'Wanjiru Meetingview',
        status: 'referred',
        currentStatus: null,
        rag: 'red',
        openActions: 0,
        marac: { repeat: false, repeatRecognisedLater: false, repeatFrom: null, dashScore: 16 },
        // The man the referral names, known to no other panel.
        perpetrator: { personId: victim.perpetratorPersonId, alsoKnownTo: [] },
        agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }],
        discussed: false,
      },
    ]);
    const agenda = await get(`/v1/meetings/${meetingId}/agenda`).expect(200);
    expect(viewed.body.agenda).toEqual(agenda.body.items);
  });

  it("answers another panel's meeting with the same 404 as a meeting that does not exist", async () => {
    const meeting = await write(
      '/v1/meetings',
      { panel: 'MARAC', scheduledFor: '2024-08-07T10:00:00Z', chair: 'DS Helen Marsh' },
      201,
    );
    const iomOnly = await tokenFor({ sub: 'iom-view-1', roles: ['coordinator'], panels: ['IOM'] });
    const unknownId = randomUUID();
    for (const suffix of ['', '/agenda']) {
      const hidden = await get(`/v1/meetings/${meeting.meetingId as string}${suffix}`, iomOnly).expect(404);
      const unknown = await get(`/v1/meetings/${unknownId}${suffix}`, iomOnly).expect(404);
      const withoutId = (body: Record<string, unknown>, id: string) =>
        JSON.stringify(body)
          .replaceAll(id, '<id>')
          .replace(/"(instance|traceId|correlationId)":"[^"]*"/g, '');
      expect(withoutId(hidden.body, meeting.meetingId as string)).toBe(withoutId(unknown.body, unknownId));
      expect(JSON.stringify(hidden.body)).not.toContain('Meetingview');
    }
  });

  it("chains meeting commands on the meeting's revision: each answer's ETag is the If-Match the next one sends", async () => {
    const victim = await write('/v1/referrals', maracReferral({}, { dashScore: 15 }), 201);
    const command = (url: string, body: object, ifMatch?: string) => {
      const post = request(api.app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`);
      return (ifMatch === undefined ? post : post.set('If-Match', ifMatch)).send(body);
    };
    const scheduled = await command('/v1/meetings', {
      panel: 'MARAC',
      scheduledFor: '2024-08-08T10:00:00Z',
      chair: 'DS Helen Marsh',
    }).expect(201);
    const meetingId = scheduled.body.meetingId as string;
    const listed = await command(
      `/v1/meetings/${meetingId}/cases`,
      { caseId: victim.caseId, agencyRequests: [] },
      scheduled.headers.etag,
    ).expect(201);
    expect(listed.headers.etag).toBe('"1"');
    const held = await command(
      `/v1/meetings/${meetingId}/held`,
      { occurredAt: '2024-08-08T11:00:00Z', attendance: [{ agency: 'Police', status: 'present' }] },
      listed.headers.etag,
    ).expect(200);
    expect(held.headers.etag).toBe('"2"');
    // A coordinator still holding the listing's revision has not seen that the meeting sat.
    const stale = await command(`/v1/meetings/${meetingId}/cancel`, { reason: 'Chair unwell' }, listed.headers.etag);
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ rule: 'expected-revision' });
    const malformed = await command(`/v1/meetings/${meetingId}/cancel`, { reason: 'Chair unwell' }, 'abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'If-Match', rule: 'revision' })]);
    const meeting = await get(`/v1/meetings/${meetingId}`)
      .set('X-Min-Position', String(held.body.position))
      .expect(200);
    expect(meeting.body).toMatchObject({ phase: 'held', cancellation: null });
  });
});
