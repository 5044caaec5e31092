import request from 'supertest';
import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import { uploadedToIom } from './support/iom-upload';
import { peopleClient, syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { freezeDateAt } from './support/frozen-date';

/**
 * The tracker, `?asOf=`, the case view and the agenda read a case (RAG, status, engagement level,
 * IOM pathways) in the order things happened (`occurredAt`), not the order coordinators entered
 * them, and read meetings on their UK day. Synthetic people only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- items are read field by field, as the API answers them
type Item = Record<string, any> & { caseId: string };

const DAY = 86_400_000;
const dayOffset = (days: number) => ukDateAt(new Date(Date.now() + days * DAY));
const at = (days: number, hour = 10) => `${dayOffset(days)}T${String(hour).padStart(2, '0')}:00:00Z`;
const today = () => dayOffset(0);

describe('cohort tracker: records entered out of time order, UK meeting days, UTC instants', () => {
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let token: string;
  beforeAll(async () => {
    [api, token] = await Promise.all([
      startTestApi(),
      tokenFor({ ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC'] }),
    ]);
    client = peopleClient(api);
  });
  afterAll(() => api.close());

  const post = async (url: string, body: unknown, status = 200) => {
    const res = await client.post(url, token, body);
    expect({ url, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      url,
      status,
      body: undefined,
    });
    return res.body;
  };
  const get = (url: string) => client.get(url, token, 'cohort review');
  const cohort = async (panel: string, query = ''): Promise<Item[]> =>
    (await get(`/v1/panels/${panel}/cohort?limit=500${query}`).expect(200)).body.items;
  const itemOf = async (panel: string, caseId: string, query = '') =>
    (await cohort(panel, query)).find((i) => i.caseId === caseId);
  const idsOf = async (panel: string, query: string) => (await cohort(panel, query)).map((i) => i.caseId);
  const marac = async (forenames: string, referredAt: string): Promise<string> =>
    (
      await post(
        '/v1/referrals',
        maracReferral(
          { person: person({ forenames, surname: 'Timeorder', dateOfBirth: '1984-03-03' }), referredAt },
          { perpetrator: undefined, incidentAt: new Date(Date.parse(referredAt) - 3_600_000).toISOString() },
        ),
        201,
      )
    ).caseId;
  const schedule = async (panel: string, scheduledFor: string): Promise<string> =>
    (await post('/v1/meetings', { panel, scheduledFor, chair: 'DI Test' }, 201)).meetingId;
  const list = (meetingId: string, caseId: string) =>
    post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] }, 201);

  it('keeps the later RAG rating when an earlier meeting’s rating is entered after it: live, as of, case view, agenda', async () => {
    const caseId = await marac('Bea', at(-40));
    await post(`/v1/cases/${caseId}/risk-rating`, { rating: 'red', occurredAt: at(-2) });
    // The meeting two weeks ago rated her amber; the coordinator enters it only now.
    await post(`/v1/cases/${caseId}/risk-rating`, { rating: 'amber', occurredAt: at(-14) });
    const meetingId = await schedule('MARAC', at(3));
    await list(meetingId, caseId);
    const live = await itemOf('MARAC', caseId);
    expect({
      live: live?.rag,
      asOfToday: (await itemOf('MARAC', caseId, `&asOf=${today()}`))?.rag,
      dayAfterRed: (await itemOf('MARAC', caseId, `&asOf=${dayOffset(-1)}`))?.rag,
      beforeRed: (await itemOf('MARAC', caseId, `&asOf=${dayOffset(-7)}`))?.rag,
      caseView: (await get(`/v1/cases/${caseId}`).expect(200)).body.riskRating,
      agenda: ((await get(`/v1/meetings/${meetingId}/agenda`).expect(200)).body.items as Item[])[0]?.rag,
      redFilter: (await idsOf('MARAC', '&rag=red')).includes(caseId),
    }).toEqual({
      live: 'red',
      asOfToday: 'red',
      dayAfterRed: 'red',
      beforeRed: 'amber',
      caseView: 'red',
      agenda: 'red',
      redFilter: true,
    });
  });

  it('keeps the later status and no-engagement level, counting non-engagement from the last engaging record in time', async () => {
    const caseId = (
      await post(
        '/v1/referrals',
        iomReferral(
          {},
          { referredAt: at(-200), person: person({ forenames: 'Ben', surname: 'Timeorder', sex: 'male' }) },
        ),
        201,
      )
    ).caseId as string;
    await post(`/v1/cases/${caseId}/status`, { status: 'in-breach-or-wanted', occurredAt: at(-2) });
    await post(`/v1/cases/${caseId}/status`, { status: 'engaging-with-sentence', occurredAt: at(-20) });
    await post(`/v1/cases/${caseId}/engagement`, { level: 'no-attendance-or-engagement', occurredAt: at(-95) });
    // Entered late: the review before the non-engagement began.
    await post(`/v1/cases/${caseId}/engagement`, { level: 'active-engagement-and-change', occurredAt: at(-120) });
    const live = await itemOf('IOM', caseId);
    expect(await itemOf('IOM', caseId, `&asOf=${today()}`)).toEqual(live);
    expect({
      status: live?.currentStatus,
      level: live?.iom.engagementLevel,
      since: live?.iom.nonEngagementSince,
      backgroundChecks: (await idsOf('IOM', '&enforcement=background-checks')).includes(caseId),
      caseView: (await get(`/v1/cases/${caseId}`).expect(200)).body.engagementLevel,
    }).toEqual({
      status: 'in-breach-or-wanted',
      level: 'no-attendance-or-engagement',
      since: dayOffset(-120),
      backgroundChecks: true,
      caseView: 'no-attendance-or-engagement',
    });
  });

  it('keeps the newer IOM pathways review when a month-old one is entered after it: live, as of, case view', async () => {
    const caseId = (
      await post(
        '/v1/referrals',
        iomReferral(
          {},
          {
            referredAt: at(-60),
            person: person({
              forenames: 'Owen',
              surname: 'Timeorder',
              sex: 'male',
              dateOfBirth: '1992-09-09',
              identifiers: { pnc: syntheticPnc(6161) },
            }),
          },
        ),
        201,
      )
    ).caseId as string;
    const pathways = (occurredAt: string, needs: string[]) =>
      post(`/v1/cases/${caseId}/iom/pathways`, { pathways: needs, occurredAt });
    await pathways(at(-1), ['accommodation', 'drugs-alcohol']);
    // The review a month ago, entered only now.
    await pathways(at(-30), ['accommodation']);
    const pathwaysOf = async (query = '') => (await itemOf('IOM', caseId, query))?.iom.pathways;
    expect({
      live: await pathwaysOf(),
      asOfToday: await pathwaysOf(`&asOf=${today()}`),
      asOfYesterday: await pathwaysOf(`&asOf=${dayOffset(-1)}`),
      asOf20DaysAgo: await pathwaysOf(`&asOf=${dayOffset(-20)}`),
      caseView: (await get(`/v1/cases/${caseId}`).expect(200)).body.details.pathways,
    }).toEqual({
      live: ['accommodation', 'drugs-alcohol'],
      asOfToday: ['accommodation', 'drugs-alcohol'],
      asOfYesterday: ['accommodation', 'drugs-alcohol'],
      asOf20DaysAgo: ['accommodation'],
      caseView: ['accommodation', 'drugs-alcohol'],
    });
  });

  it('reads nextReviewBefore on the meeting’s UK day (00:30 BST is the next day)', async () => {
    const caseId = await marac('Cleo', at(-5));
    // 00:30 BST on 11 June 2027.
    await list(await schedule('MARAC', '2027-06-10T23:30:00Z'), caseId);
    expect({
      before10: (await idsOf('MARAC', '&nextReviewBefore=2027-06-10')).includes(caseId),
      before11: (await idsOf('MARAC', '&nextReviewBefore=2027-06-11')).includes(caseId),
    }).toEqual({ before10: false, before11: true });
  });

  it('as of a past day, counts a discussion at a meeting the case was listed on only afterwards', async () => {
    const caseId = await marac('Lou', at(-40));
    const sat = await schedule('MARAC', at(-20));
    const next = await schedule('MARAC', at(10));
    // Listed today (the route takes no occurredAt), discussed on the meeting's own day.
    for (const m of [sat, next]) await list(m, caseId);
    await post(`/v1/cases/${caseId}/discussions`, {
      meetingId: sat,
      occurredAt: at(-20, 11),
      attendance: [{ agency: 'Police', status: 'present' }],
      summary: 'Discussed',
      decisions: ['Plan'],
    });
    expect(await itemOf('MARAC', caseId, `&asOf=${dayOffset(-10)}`)).toMatchObject({ lastDiscussed: at(-20, 11) });
    expect(await itemOf('MARAC', caseId)).toMatchObject({ lastDiscussed: at(-20, 11), nextMeeting: at(10) });
  });

  it('keeps instants written with an offset in UTC, so the earlier sitting is next and referrals page in time order', async () => {
    const caseId = await marac('Cora', at(-5));
    // 09:00 UTC, written in BST; the other sits at 09:30 UTC.
    const first = await schedule('MARAC', '2027-06-15T10:00:00+01:00');
    const second = await schedule('MARAC', '2027-06-15T09:30:00Z');
    for (const m of [second, first]) await list(m, caseId);
    expect((await itemOf('MARAC', caseId))?.nextMeeting).toBe('2027-06-15T09:00:00Z');

    const x = await marac('Jo', '2026-11-02T00:30:00+01:00'); // 23:30 UTC on 1 November
    const y = await marac('Jon', '2026-11-01T23:45:00Z');
    const ids = await idsOf('MARAC', '');
    expect(ids.indexOf(x)).toBeLessThan(ids.indexOf(y));
    expect((await get(`/v1/cases/${x}`).expect(200)).body.referredAt).toBe('2026-11-01T23:30:00Z');
  });

  it('refuses an offset past 1,000,000 with a 400 naming offset', async () => {
    for (const url of ['/v1/panels/MARAC/cohort', '/v1/panels/IOM/eligible-not-adopted']) {
      for (const offset of ['1000001', '99999999999999999999']) {
        const refused = await get(`${url}?offset=${offset}`);
        expect({ url, offset, status: refused.status }).toEqual({ url, offset, status: 400 });
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'offset', rule: 'max' })]);
      }
      await get(`${url}?offset=1000000`).expect(200);
    }
  });
});

describe('cohort tracker: an adopted IOM case the latest upload no longer lists', () => {
  const HEADER = 'CRN,Forenames,Surname,Date of birth,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
  const ADA = 'E320001,Adaeze,Droppedtest,1990-02-01,80,40,N';
  const DAN = 'H320004,Danso,Droppedtest,1988-03-03,80,40,N';
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor({ sub: 'coord-iom-dropped', roles: ['coordinator'], panels: ['IOM'] });
  });
  afterAll(async () => {
    await api.close();
  });
  const call = (method: 'get' | 'post', url: string) =>
    request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'monthly core-cohort review');
  const imported = async (month: string, csv: string): Promise<void> => {
    await uploadedToIom(api, token, month, csv);
  };
  const ids = async (query: string): Promise<string[]> =>
    ((await call('get', `/v1/panels/IOM/cohort?limit=500${query}`).expect(200)).body.items as Item[]).map(
      (i) => i.caseId,
    );

  it('is not eligible, with the expiry flag saying why, in the column, the filters and the gap list alike', async () => {
    await imported('2026-08', [HEADER, ADA, DAN].join('\n'));
    const gap = (await call('get', '/v1/panels/IOM/eligible-not-adopted?limit=500').expect(200)).body.items as Item[];
    const adaCase = gap.find((i) => i.displayName === 'Adaeze Droppedtest')?.caseId as string;
    expect(adaCase).toBeDefined();
    await call('post', `/v1/cases/${adaCase}/iom/adopt`).send({ reason: 'Agreed at panel' }).expect(200);
    await imported('2026-09', [HEADER, DAN].join('\n'));
    const items = (await call('get', '/v1/panels/IOM/cohort?limit=500').expect(200)).body.items as Item[];
    const item = items.find((i) => i.caseId === adaCase);
    expect(item?.iom).toMatchObject({ eligible: false, cohortExpiry: { month: '2026-09' } });
    expect({
      eligible: (await ids('&eligibility=eligible')).includes(adaCase),
      notEligible: (await ids('&eligibility=not-eligible')).includes(adaCase),
      gap: (await ids('&eligibility=eligible-not-adopted')).includes(adaCase),
    }).toEqual({ eligible: false, notEligible: true, gap: false });
    // Listed again by a later upload: eligible again, the flag gone.
    await imported('2026-10', [HEADER, ADA, DAN].join('\n'));
    const again = ((await call('get', '/v1/panels/IOM/cohort?limit=500').expect(200)).body.items as Item[]).find(
      (i) => i.caseId === adaCase,
    );
    expect(again?.iom).toMatchObject({ eligible: true, cohortExpiry: null });
  });
});

describe('cohort tracker at 23:30 UTC on a BST day (00:30 on 12 June in London)', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    freezeDateAt('2026-06-11T23:30:00Z');
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
    jest.useRealTimers();
  });

  it('a meeting at London midnight today (23:00 UTC yesterday) is the next meeting, live and as of today', async () => {
    const client = peopleClient(api);
    const post = async (url: string, body: unknown) => {
      const res = await client.post(url, token, body);
      expect(res.status).toBe(201);
      return res.body;
    };
    const { caseId } = await post(
      '/v1/referrals',
      maracReferral(
        {
          person: person({ forenames: 'Una', surname: 'Midnightmeeting', dateOfBirth: '1980-01-01' }),
          referredAt: '2026-06-01T10:00:00Z',
        },
        { perpetrator: undefined, incidentAt: '2026-06-01T08:00:00Z' },
      ),
    );
    // A date picker's "12 June" as London midnight in UTC.
    const { meetingId } = await post('/v1/meetings', {
      panel: 'MARAC',
      scheduledFor: '2026-06-11T23:00:00Z',
      chair: 'Chair',
    });
    await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] });
    const nextOf = async (query: string) =>
      ((await client.get(`/v1/panels/MARAC/cohort${query}`, token, 'x').expect(200)).body.items as Item[]).find(
        (i) => i.caseId === caseId,
      )?.nextMeeting;
    expect({ live: await nextOf(''), asOfToday: await nextOf('?asOf=2026-06-12') }).toEqual({
      live: '2026-06-11T23:00:00Z',
      asOfToday: '2026-06-11T23:00:00Z',
    });
  });
});
