import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/**
 * A listing is written to the case and to the meeting, two streams no store writes at once.
 * Whatever lands between the two, the case and the agenda must agree, and the client's answer
 * must say what was recorded.
 */
describe('listing a case on a meeting while the case or the meeting changes', () => {
  let api: TestApi;
  let token: string;
  let store: EventStore;
  let people = 0;

  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
    store = api.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (url: string, body: object, headers: Record<string, string> = {}) =>
    request(api.app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`).set(headers).send(body);

  const adoptedIomCase = async (): Promise<string> => {
    people++;
    const nominal = person({
      forenames: 'Listing',
      surname: `Nominal${String.fromCharCode(97 + (people % 26))}${String.fromCharCode(97 + Math.floor(people / 26))}`,
      dateOfBirth: `1971-02-${String((people % 28) + 1).padStart(2, '0')}`,
      sex: 'male',
      // Each his own PNC: the matcher would take these namesakes for one man, who has one open IOM case.
      identifiers: { pnc: syntheticPnc(9700 + people) },
    });
    const made = await post('/v1/referrals', iomReferral({}, { person: nominal })).expect(201);
    const caseId = made.body.caseId as string;
    await post(`/v1/cases/${caseId}/iom/adopt`, { reason: 'eligible', occurredAt: '2024-03-02T10:00:00Z' }).expect(200);
    return caseId;
  };
  const scheduledMeeting = async (): Promise<string> =>
    (await post('/v1/meetings', { panel: 'IOM', scheduledFor: '2030-04-10T10:00:00Z', chair: 'DI Shah' }).expect(201))
      .body.meetingId as string;
  const typesOf = async (stream: string) => (await store.readStream(stream)).map((event) => event.type);
  const listedOnCase = async (caseId: string) => (await typesOf(`case-${caseId}`)).includes('case-listed');
  const onAgenda = async (meetingId: string) => (await typesOf(`meeting-${meetingId}`)).includes('meeting-case-listed');

  it('never leaves a case closed at the same moment on the agenda without its listing, and answers what was recorded', async () => {
    for (let round = 0; round < 12; round++) {
      const [caseId, meetingId] = await Promise.all([adoptedIomCase(), scheduledMeeting()]);
      const [listed, closed] = await Promise.all([
        post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }),
        post(`/v1/cases/${caseId}/close`, { exitStatus: 'success' }),
      ]);
      expect(closed.status).toBe(200);
      const [onCase, agenda] = [await listedOnCase(caseId), await onAgenda(meetingId)];
      expect({ onCase, agenda }).toEqual(
        listed.status === 201 ? { onCase: true, agenda: true } : { onCase: false, agenda: false },
      );
      if (listed.status !== 201) expect(listed.body).toMatchObject({ statusCode: 409, rule: 'case-open' });
    }
  });

  it('completes the agenda when sent again after a request that stopped between the two writes', async () => {
    const [caseId, meetingId] = await Promise.all([adoptedIomCase(), scheduledMeeting()]);
    // What such a request left: the case's listing, written first, and no agenda entry.
    const meeting = await request(api.app.getHttpServer())
      .get(`/v1/meetings/${meetingId}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'case work')
      .expect(200);
    const last = (await store.readStream(`case-${caseId}`)).at(-1);
    if (last === undefined) throw new Error('the case has no events');
    const { revision, metadata } = last;
    await store.append(
      `case-${caseId}`,
      [
        {
          id: randomUUID(),
          type: 'case-listed',
          data: { meetingId, meetingDate: meeting.body.scheduledFor, occurredAt: new Date().toISOString() },
          metadata: { ...metadata, correlationId: randomUUID(), occurredAt: new Date().toISOString() },
        },
      ],
      { expected: revision },
    );
    expect(await onAgenda(meetingId)).toBe(false);

    await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }).expect(201);
    expect(await onAgenda(meetingId)).toBe(true);
    expect((await typesOf(`case-${caseId}`)).filter((type) => type === 'case-listed')).toHaveLength(1);
    const again = await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }).expect(409);
    expect(again.body.rule).toBe('case-listed-once-per-meeting');
  });

  it('refuses a stale If-Match with 412 before the case records anything', async () => {
    const [caseId, other, meetingId] = await Promise.all([adoptedIomCase(), adoptedIomCase(), scheduledMeeting()]);
    const first = await post(`/v1/meetings/${meetingId}/cases`, { caseId: other, agencyRequests: [] }).expect(201);
    const stale = String(BigInt(JSON.parse(first.headers['etag'] as string) as string) - 1n);
    await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }, { 'If-Match': `"${stale}"` }).expect(
      412,
    );
    expect(await listedOnCase(caseId)).toBe(false);
    await post(
      `/v1/meetings/${meetingId}/cases`,
      { caseId, agencyRequests: [] },
      { 'If-Match': first.headers['etag'] as string },
    ).expect(201);
    expect(await listedOnCase(caseId)).toBe(true);
  });
});
