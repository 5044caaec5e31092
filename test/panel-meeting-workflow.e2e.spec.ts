import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { recordConfirmedMerge } from '../libs/identity/src/testing/confirmed-merge';
import { uploadedToIom } from './support/iom-upload';
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
  const scheduleMeeting = async (panel: string, scheduledFor: string): Promise<string> =>
    (await post('/v1/meetings', { panel, scheduledFor, chair: 'DI Priya Shah' }).expect(201)).body.meetingId as string;

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
      occurredAt: '2024-04-10T11:00:00Z',
    }).expect(201);
    await post(`/v1/cases/${caseId}/actions/${action.body.actionId}/complete`, { note: 'Referral sent' }).expect(200);
    const again = await post(`/v1/cases/${caseId}/actions/${action.body.actionId}/complete`, {});
    expect(again.status).toBe(409);
    const unknown = await post(`/v1/cases/${caseId}/actions/${randomUUID()}/complete`, {});
    expect(unknown.status).toBe(404);
    const malformed = await post(`/v1/cases/${caseId}/actions/no-such-action/complete`, {});
    expect(malformed.status).toBe(400);

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

  it('lists a case the monthly IOM upload opened (its id is name-based, not random)', async () => {
    const csv = [
      'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years',
      'E300005,,Eli,Uploadlisted,1991-02-02,,85,40,N',
    ].join('\n');
    const job = await uploadedToIom(api, token, '2024-04', csv);
    const newCases = job.result.files.find((file) => file.name === 'new.csv');
    const [, row = ''] = (await get(newCases?.href ?? '/missing').expect(200)).text.trim().split('\n');
    const caseId = row.split(',')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);

    const meetingId = await scheduleMeeting('IOM', '2024-04-24T10:00:00Z');
    const listed = await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] });
    expect(listed.status).toBe(201);
  });

  describe('holding or cancelling the meeting', () => {
    let seq = 0;
    const maracCase = async (): Promise<string> => {
      seq += 1;
      const made = await post(
        '/v1/referrals',
        maracReferral({
          person: person({ forenames: `Held${seq}`, surname: 'Agenda', dateOfBirth: `1980-03-${10 + seq}` }),
        }),
      ).expect(201);
      return made.body.caseId as string;
    };
    /** A MARAC meeting with `count` fresh cases on its agenda, in listing order. */
    const maracMeeting = async (count: number) => {
      const meetingId = await scheduleMeeting('MARAC', '2024-06-04T10:00:00Z');
      const caseIds: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const caseId = await maracCase();
        await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }).expect(201);
        caseIds.push(caseId);
      }
      return { meetingId, caseIds };
    };
    const discussedOn = async (meetingId: string) =>
      ((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body.items as { discussed: boolean }[]).map(
        (item) => item.discussed,
      );
    const attendance = [
      { agency: 'Police', status: 'present' },
      { agency: 'IDVA service', status: 'apologies' },
    ];

    it("marks a case discussed when its discussion is recorded, and the held meeting's casesDiscussed too", async () => {
      const { meetingId, caseIds } = await maracMeeting(3);
      const [first, second] = caseIds;
      const before = await get(`/v1/meetings/${meetingId}/agenda`).expect(200);
      expect(before.body).toMatchObject({ phase: 'scheduled', heldAt: null });
      expect(await discussedOn(meetingId)).toEqual([false, false, false]);

      // Dated the day the meeting sat: a discussion recorded there today would refuse its sitting in 2024.
      await post(`/v1/cases/${first}/discussions`, {
        meetingId,
        attendance,
        summary: 'Safety plan reviewed',
        decisions: [],
        occurredAt: '2024-06-04T11:00:00Z',
      }).expect(200);
      expect(await discussedOn(meetingId)).toEqual([true, false, false]);

      const held = await post(`/v1/meetings/${meetingId}/held`, {
        attendance,
        casesDiscussed: [second],
        occurredAt: '2024-06-04T12:30:00Z',
      });
      expect({ status: held.status, events: held.body.events }).toEqual({ status: 200, events: ['meeting-held'] });
      const after = await get(`/v1/meetings/${meetingId}/agenda`).expect(200);
      expect(after.body).toMatchObject({ phase: 'held', heldAt: '2024-06-04T12:30:00Z' });
      // The first case's own discussion still counts though `held` did not name it.
      expect(await discussedOn(meetingId)).toEqual([true, true, false]);
      const viewed = await get(`/v1/meetings/${meetingId}`).expect(200);
      expect((viewed.body.agenda as { discussed: boolean }[]).map((item) => item.discussed)).toEqual([
        true,
        true,
        false,
      ]);

      const twice = await post(`/v1/meetings/${meetingId}/held`, { attendance });
      expect({ status: twice.status, rule: twice.body.rule }).toEqual({ status: 409, rule: 'meeting-held-once' });
      const late = await post(`/v1/meetings/${meetingId}/cases`, { caseId: await maracCase(), agencyRequests: [] });
      expect({ status: late.status, rule: late.body.rule }).toEqual({ status: 409, rule: 'meeting-still-to-sit' });
    });

    it('cancels a meeting with a reason; it then takes no listings and cannot be held', async () => {
      const { meetingId } = await maracMeeting(1);
      const noReason = await post(`/v1/meetings/${meetingId}/cancel`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toContainEqual(expect.objectContaining({ field: 'reason' }));

      await post(`/v1/meetings/${meetingId}/cancel`, {
        reason: 'Chair unavailable; cases move to the next sitting',
      }).expect(200);
      expect((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body).toMatchObject({
        phase: 'cancelled',
        heldAt: null,
        cancellation: { reason: 'Chair unavailable; cases move to the next sitting', at: expect.any(String) },
      });
      expect((await get(`/v1/meetings/${meetingId}`).expect(200)).body.cancellation).toMatchObject({
        reason: 'Chair unavailable; cases move to the next sitting',
      });
      const listed = await post(`/v1/meetings/${meetingId}/cases`, { caseId: await maracCase(), agencyRequests: [] });
      expect({ status: listed.status, rule: listed.body.rule }).toEqual({ status: 409, rule: 'meeting-still-to-sit' });
      const held = await post(`/v1/meetings/${meetingId}/held`, { attendance });
      expect({ status: held.status, rule: held.body.rule }).toEqual({ status: 409, rule: 'meeting-still-to-sit' });
    });

    it('refuses to record as discussed a case that is not on the agenda, writing nothing', async () => {
      const { meetingId } = await maracMeeting(1);
      const elsewhere = await maracCase();
      const held = await post(`/v1/meetings/${meetingId}/held`, { attendance, casesDiscussed: [elsewhere] });
      expect({ status: held.status, rule: held.body.rule }).toEqual({
        status: 409,
        rule: 'case-discussed-when-listed',
      });
      expect(held.body.message).toContain(elsewhere);
      expect((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body.phase).toBe('scheduled');
    });

    it('answers a bad body with 400 naming the field', async () => {
      const { meetingId } = await maracMeeting(0);
      const fieldsOf = async (body: object) => {
        const response = await post(`/v1/meetings/${meetingId}/held`, body);
        expect(response.status).toBe(400);
        return (response.body.errors as { field: string }[]).map((error) => error.field);
      };
      expect(await fieldsOf({ attendance: [{ agency: 'Police', status: 'asleep' }] })).toEqual([
        'attendance[0].status',
      ]);
      expect(new Set(await fieldsOf({}))).toEqual(new Set(['attendance']));
      expect(await fieldsOf({ attendance, casesDiscussed: ['case-one'], occurredAt: 'yesterday' })).toEqual(
        expect.arrayContaining(['casesDiscussed', 'occurredAt']),
      );
      expect((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body.phase).toBe('scheduled');
    });

    it('refuses a meeting held before its scheduled day (409) or later than now (400), naming occurredAt', async () => {
      const { meetingId } = await maracMeeting(0);
      const early = await post(`/v1/meetings/${meetingId}/held`, { attendance, occurredAt: '2024-06-03T12:00:00Z' });
      expect({ status: early.status, rule: early.body.rule, errors: early.body.errors }).toEqual({
        status: 409,
        rule: 'meeting-held-from-scheduled-day',
        errors: [expect.objectContaining({ field: 'occurredAt', rule: 'meeting-held-from-scheduled-day' })],
      });
      const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
      const ahead = await post(`/v1/meetings/${meetingId}/held`, { attendance, occurredAt: nextYear });
      expect({ status: ahead.status, rule: ahead.body.rule, errors: ahead.body.errors }).toEqual({
        status: 400,
        rule: 'meeting-held-not-in-future',
        errors: [expect.objectContaining({ field: 'occurredAt', rule: 'meeting-held-not-in-future' })],
      });
      expect((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body).toMatchObject({
        phase: 'scheduled',
        heldAt: null,
      });
      // Recorded now, without a time: a meeting that sits next week has not been held yet.
      const nextWeek = await scheduleMeeting('MARAC', new Date(Date.now() + 7 * 86_400_000).toISOString());
      const tooSoon = await post(`/v1/meetings/${nextWeek}/held`, { attendance });
      expect({ status: tooSoon.status, rule: tooSoon.body.rule }).toEqual({
        status: 409,
        rule: 'meeting-held-from-scheduled-day',
      });
    });

    it('answers a malformed meeting id with 400 naming meetingId', async () => {
      for (const response of [
        await get('/v1/meetings/not-a-meeting/agenda'),
        await get('/v1/meetings/not-a-meeting'),
        await post('/v1/meetings/not-a-meeting/held', { attendance }),
        await post('/v1/meetings/not-a-meeting/cancel', { reason: 'no such sitting' }),
        await post('/v1/meetings/not-a-meeting/cases', { caseId: randomUUID(), agencyRequests: [] }),
      ]) {
        expect({ status: response.status, errors: response.body.errors }).toEqual({
          status: 400,
          errors: [{ field: 'meetingId', rule: 'isUuid', message: 'meetingId must be a UUID' }],
        });
      }
    });

    it("keeps other panels' coordinators from holding or cancelling the meeting (404, as an unknown one)", async () => {
      const { meetingId } = await maracMeeting(0);
      const iomOnly = await tokenFor({ sub: 'iom-5', roles: ['coordinator'], panels: ['IOM'] });
      const held = await post(`/v1/meetings/${meetingId}/held`, { attendance }, iomOnly);
      expect({ status: held.status, rule: held.body.rule }).toEqual({ status: 404, rule: 'meeting-exists' });
      const cancelled = await post(`/v1/meetings/${meetingId}/cancel`, { reason: 'not mine to cancel' }, iomOnly);
      expect({ status: cancelled.status, rule: cancelled.body.rule }).toEqual({ status: 404, rule: 'meeting-exists' });
      expect((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body.phase).toBe('scheduled');
    });
  });

  describe('what the chair sees of each listed case', () => {
    /** The latest position written, sent as X-Min-Position so the agenda reads the writes it follows. */
    let written = 0;
    const write = async (url: string, body: unknown, status: number) => {
      const response = await post(url, body).expect(status);
      written = Math.max(written, Number(response.body.position));
      return response.body as Record<string, unknown>;
    };
    const agendaItems = async (meetingId: string) =>
      (await get(`/v1/meetings/${meetingId}/agenda`).set('X-Min-Position', String(written)).expect(200)).body
        .items as Record<string, unknown>[];

    it("names the person the case is about now, with the case's status, RAG, open actions and MARAC flags", async () => {
      const victim = await write(
        '/v1/referrals',
        maracReferral(
          { person: person({ forenames: 'Ngozi', surname: 'Agendaview', dateOfBirth: '1983-02-17' }) },
          { dashScore: 17 },
        ),
        201,
      );
      const caseId = victim.caseId as string;
      const meetingId = await scheduleMeeting('MARAC', '2024-07-02T10:00:00Z');
      await write(
        `/v1/meetings/${meetingId}/cases`,
        { caseId, agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }] },
        201,
      );
      await write(`/v1/cases/${caseId}/risk-rating`, { rating: 'red', rationale: 'Threats to kill' }, 200);
      await write(`/v1/cases/${caseId}/status`, { status: 'idva-support' }, 200);
      await write(
        `/v1/cases/${caseId}/actions`,
        {
          description: 'Fit a panic alarm',
          ownerAgency: 'Police',
          dueBy: '2024-07-09',
          meetingId,
          occurredAt: '2024-07-02T11:00:00Z',
        },
        201,
      );

      expect(await agendaItems(meetingId)).toEqual([
        {
          caseId,
          personId: victim.personId,
          displayName: 'Ngozi Agendaview',
          status: 'referred',
          currentStatus: 'idva-support',
          rag: 'red',
          openActions: 1,
          marac: { repeat: false, repeatRecognisedLater: false, repeatFrom: null, dashScore: 17 },
          // The man the referral names, known to no other panel.
          perpetrator: { personId: victim.perpetratorPersonId, alsoKnownTo: [] },
          agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }],
          discussed: false,
        },
      ]);

      // A reviewer confirms she is a victim already known under another record: that person survives.
      const known = await write(
        '/v1/referrals',
        maracReferral({ person: person({ forenames: 'Adaeze', surname: 'Survivorrow', dateOfBirth: '1979-11-03' }) }),
        201,
      );
      const store = api.app.get<EventStore>(EVENT_STORE);
      const at = new Date().toISOString();
      const merged = await recordConfirmedMerge(
        store,
        {
          survivorId: known.personId as string,
          mergedId: victim.personId as string,
          reason: 'IDVA confirms one victim recorded twice',
          occurredAt: at,
        },
        {
          actor: {
            id: 'coordinator-1',
            name: 'Casey Coordinator',
            agency: 'Metropolitan Police',
            roles: ['coordinator'],
          },
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt: at,
          now: at,
          eventId: () => randomUUID(),
        },
      );
      written = Math.max(written, Number(merged.position));
      const [afterMerge] = await agendaItems(meetingId);
      expect(afterMerge).toMatchObject({ caseId, personId: known.personId, rag: 'red' });

      // The read audit names the person the agenda showed, so a subject access request finds the read.
      const auditor = await tokenFor({ sub: 'auditor-2', roles: ['auditor'] });
      const trail = await request(api.app.getHttpServer())
        .get(`/v1/audit/trail?personId=${known.personId as string}&action=case-viewed`)
        .set('Authorization', `Bearer ${auditor}`)
        .expect(200);
      expect(trail.body.items).toContainEqual(
        expect.objectContaining({ action: 'case-viewed', caseIds: [caseId], personId: known.personId }),
      );
    });

    it('gives IOM items the common columns and no MARAC ones', async () => {
      const made = await write(
        '/v1/referrals',
        iomReferral({}, { person: person({ forenames: 'Idris', surname: 'Agendaiom', dateOfBirth: '1992-08-08' }) }),
        201,
      );
      const caseId = made.caseId as string;
      await write(`/v1/cases/${caseId}/iom/adopt`, { reason: 'Meets the core cohort' }, 200);
      const meetingId = await scheduleMeeting('IOM', '2024-07-03T10:00:00Z');
      await write(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }, 201);
      await write(`/v1/cases/${caseId}/risk-rating`, { rating: 'amber' }, 200);

      const [item] = await agendaItems(meetingId);
      expect(item).toMatchObject({
        caseId,
        personId: made.personId,
        displayName: 'Idris Agendaiom',
        status: 'accepted',
        rag: 'amber',
        openActions: 0,
      });
      expect(item).not.toHaveProperty('marac');
    });
  });
});
