import request from 'supertest';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe("a coordinator's meeting workflow", () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });
  const post = (url: string, body: unknown, as: string = token) =>
    request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${as}`)
      .send(body as object);
  const get = (url: string) =>
    request(api.app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`).set('X-Purpose', 'case work');

  it('lists a case, records the discussion, agrees and completes actions, and runs an intervention', async () => {
    const made = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ surname: 'Workflow', dateOfBirth: '1994-04-04' }) }),
    ).expect(201);
    const caseId = made.body.caseId as string;
    await post(`/v1/cases/${caseId}/iom/adopt`, { reason: 'Meets the core cohort; capacity available' }).expect(200);

    const meeting = await post('/v1/meetings', {
      panel: 'IOM',
      scheduledFor: '2024-04-10T10:00:00Z',
      chair: 'DI Priya Shah',
    }).expect(201);
    const meetingId = meeting.body.meetingId as string;
    await post(`/v1/meetings/${meetingId}/cases`, {
      caseId,
      agencyRequests: [{ agency: 'Probation', toBring: 'licence conditions and OASys' }],
    }).expect(201);
    const twice = await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] });
    expect(twice.status).toBe(409);
    const agenda = await get(`/v1/meetings/${meetingId}`).expect(200);
    expect(agenda.body.agenda).toEqual([
      expect.objectContaining({
        caseId,
        agencyRequests: [{ agency: 'Probation', toBring: 'licence conditions and OASys' }],
      }),
    ]);

    const listed = await get(`/v1/meetings/${meetingId}/agenda`).expect(200);
    expect(listed.body).toMatchObject({ panel: 'IOM', items: [{ caseId, agencyRequests: [{ agency: 'Probation' }] }] });
    await post(`/v1/cases/${caseId}/discussions`, {
      meetingId,
      occurredAt: '2024-04-10T11:00:00Z',
      attendance: [
        { agency: 'Police', status: 'present' },
        { agency: 'Probation', status: 'present' },
      ],
      summary: 'Housing is the immediate risk',
      decisions: ['Refer to housing pathway'],
    }).expect(200);

    const action = await post(`/v1/cases/${caseId}/actions`, {
      description: 'Housing referral',
      ownerAgency: 'Council housing',
      dueBy: '2024-04-24',
      meetingId,
    }).expect(201);
    await post(`/v1/cases/${caseId}/actions/${action.body.actionId}/complete`, { note: 'Referral sent' }).expect(200);
    const again = await post(`/v1/cases/${caseId}/actions/${action.body.actionId}/complete`, {});
    expect(again.status).toBe(409);
    const unknown = await post(`/v1/cases/${caseId}/actions/no-such-action/complete`, {});
    expect(unknown.status).toBe(404);

    const intervention = await post(`/v1/cases/${caseId}/interventions`, {
      type: 'tenancy support',
      provider: 'St Mungo’s',
      pathway: 'accommodation',
    }).expect(201);
    const interventionId = intervention.body.interventionId as string;
    await post(`/v1/cases/${caseId}/interventions/${interventionId}/start`, {}).expect(200);
    await post(`/v1/cases/${caseId}/interventions/${interventionId}/complete`, { note: 'Tenancy secured' }).expect(200);

    await post(`/v1/cases/${caseId}/engagement`, { level: 'active-engagement-and-change' }).expect(200);
    await post(`/v1/cases/${caseId}/iom/pathways`, { pathways: ['accommodation', 'drugs-alcohol'] }).then((r) =>
      expect(r.status).toBe(200),
    );
    const badStatus = await post(`/v1/cases/${caseId}/status`, { status: 'on-holiday' });
    expect(badStatus.status).toBe(400);
    await post(`/v1/cases/${caseId}/close`, { exitStatus: 'other' }).expect(400);
    await post(`/v1/cases/${caseId}/close`, { exitStatus: 'success' }).expect(200);

    const history = await get(`/v1/cases/${caseId}/events`).expect(200);
    const types = (history.body.items as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'referral-made',
        'iom-case-adopted',
        'case-listed',
        'panel-discussed',
        'action-agreed',
        'action-completed',
        'intervention-arranged',
        'intervention-started',
        'intervention-completed',
        'engagement-recorded',
        'case-closed',
      ]),
    );
    const discussed = (
      history.body.items as { type: string; metadata: { occurredAt: string; recordedAt: string } }[]
    ).find((e) => e.type === 'panel-discussed');
    expect(discussed?.metadata.occurredAt).toBe('2024-04-10T11:00:00Z');
    expect(discussed?.metadata.recordedAt).not.toBe(discussed?.metadata.occurredAt);
  });

  it('keeps meetings of other panels out of reach', async () => {
    const meeting = await post('/v1/meetings', {
      panel: 'MARAC',
      scheduledFor: '2024-04-11T10:00:00Z',
      chair: 'DI Jones',
    }).expect(201);
    const iomOnly = await tokenFor({ sub: 'iom-3', roles: ['coordinator'], panels: ['IOM'] });
    await request(api.app.getHttpServer())
      .get(`/v1/meetings/${meeting.body.meetingId}`)
      .set('Authorization', `Bearer ${iomOnly}`)
      .expect(404);
    const schedule = await post(
      '/v1/meetings',
      { panel: 'MARAC', scheduledFor: '2024-04-11T10:00:00Z', chair: 'x' },
      iomOnly,
    );
    expect(schedule.status).toBe(403);
    const analyst = await tokenFor({ sub: 'a-1', roles: ['analyst'], panels: ['IOM'] });
    const referral = await post('/v1/referrals', iomReferral(), analyst);
    expect(referral.status).toBe(403);
  });

  it('leaves nothing on the agenda when the case refuses the listing (another panel, or closed)', async () => {
    const iomMeeting = await post('/v1/meetings', {
      panel: 'IOM',
      scheduledFor: '2024-05-10T10:00:00Z',
      chair: 'DI Priya Shah',
    }).expect(201);
    const meetingId = iomMeeting.body.meetingId as string;
    const victim = await post(
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Orla', surname: 'Refused', dateOfBirth: '1987-07-07' }) }),
    ).expect(201);
    const wrongPanel = await post(`/v1/meetings/${meetingId}/cases`, {
      caseId: victim.body.caseId,
      agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan and new address' }],
    });
    expect(wrongPanel.status).toBe(409);
    expect(wrongPanel.body.rule).toBe('case-listed-on-own-panel');

    const closed = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ surname: 'Closed', dateOfBirth: '1990-09-09' }) }),
    ).expect(201);
    await post(`/v1/cases/${closed.body.caseId}/iom/adopt`, { reason: 'Meets the core cohort' }).expect(200);
    await post(`/v1/cases/${closed.body.caseId}/close`, { exitStatus: 'success' }).expect(200);
    const notOpen = await post(`/v1/meetings/${meetingId}/cases`, { caseId: closed.body.caseId, agencyRequests: [] });
    expect(notOpen.status).toBe(409);
    expect(notOpen.body.rule).toBe('case-open');

    // An IOM member reading the IOM meeting sees neither: no MARAC case id, no IDVA request.
    const iomOnly = await tokenFor({ sub: 'iom-4', roles: ['coordinator'], panels: ['IOM'] });
    const agenda = await request(api.app.getHttpServer())
      .get(`/v1/meetings/${meetingId}/agenda`)
      .set('Authorization', `Bearer ${iomOnly}`)
      .set('X-Purpose', 'case work')
      .expect(200);
    expect(agenda.body.items).toEqual([]);
  });
});
