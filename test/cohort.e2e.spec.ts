import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { uploadedToIom } from './support/iom-upload';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('panel cohorts (read models)', () => {
  let api: TestApi;
  let token: string;
  let lastPosition = 0;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });
  const post = async (url: string, body: unknown) => {
    const response = await request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
    if (typeof response.body.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };
  const cohort = (panel: string, query = '', as: string = token) =>
    request(api.app.getHttpServer())
      .get(`/v1/panels/${panel}/cohort${query}`)
      .set('Authorization', `Bearer ${as}`)
      .set('X-Min-Position', String(lastPosition));

  it('lists open IOM cases with eligibility, the adoption decision and its reason', async () => {
    const adopted = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ forenames: 'Adam', surname: 'Adopted', dateOfBirth: '1990-01-01' }) }),
    );
    const rejected = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ forenames: 'Rhys', surname: 'Rejected', dateOfBirth: '1991-01-01' }) }),
    );
    const pending = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ forenames: 'Paul', surname: 'Pending', dateOfBirth: '1992-01-01' }) }),
    );
    await post(`/v1/cases/${adopted.body.caseId}/iom/adopt`, { reason: 'Prolific burglar, agreed at panel' }).then(
      (r) => expect(r.status).toBe(200),
    );
    await post(`/v1/cases/${rejected.body.caseId}/iom/reject`, {
      category: 'managed-under-mappa',
      reason: 'Already managed under MAPPA level 2',
    }).then((r) => expect(r.status).toBe(200));
    await post(`/v1/cases/${adopted.body.caseId}/risk-rating`, { rating: 'red' });

    const all = await cohort('IOM').expect(200);
    const byId = new Map((all.body.items as { caseId: string }[]).map((i) => [i.caseId, i]));
    expect(byId.get(adopted.body.caseId)).toMatchObject({
      displayName: 'Adam Adopted',
      rag: 'red',
      iom: { eligible: true, decision: 'adopted', reason: 'Prolific burglar, agreed at panel' },
    });
    expect(byId.has(rejected.body.caseId)).toBe(false); // a rejected referral is not an open case

    const gap = await request(api.app.getHttpServer())
      .get('/v1/panels/IOM/eligible-not-adopted')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const gapIds = (gap.body.items as { caseId: string }[]).map((i) => i.caseId);
    expect(gapIds).toContain(pending.body.caseId);
    expect(gapIds).not.toContain(adopted.body.caseId);

    const red = await cohort('IOM', '?rag=red').expect(200);
    expect((red.body.items as { caseId: string }[]).map((i) => i.caseId)).toEqual([adopted.body.caseId]);
    const named = await cohort('IOM', '?q=pend').expect(200);
    expect((named.body.items as { caseId: string }[]).map((i) => i.caseId)).toEqual([pending.body.caseId]);
  });

  it('shows MARAC repeat and DASH, pages, and answers a past date from history', async () => {
    const victim = person({ forenames: 'Vera', surname: 'Victim', dateOfBirth: '1980-03-03' });
    await post(
      '/v1/referrals',
      maracReferral({ person: victim, referredAt: '2024-01-10T09:00:00Z' }, { dashScore: 18 }),
    );
    const repeat = await post(
      '/v1/referrals',
      maracReferral({ person: victim, referredAt: '2024-03-10T09:00:00Z' }, { dashScore: 15 }),
    );
    const now = await cohort('MARAC', '?limit=1').expect(200);
    expect(now.body.total).toBe(2);
    expect(now.body.items).toHaveLength(1);
    expect(now.body.next).toEqual({ offset: 1, limit: 1, after: expect.any(String) });
    const second = await cohort('MARAC', '?limit=1&offset=1').expect(200);
    expect(second.body.items[0]).toMatchObject({ caseId: repeat.body.caseId, marac: { repeat: true, dashScore: 15 } });
    const february = await cohort('MARAC', '?asOf=2024-02-01').expect(200);
    expect(february.body.total).toBe(1);
    expect(february.body.items[0].marac.repeat).toBe(false);
  });

  it('places a past day by the UK calendar: 00:30 BST on 11 June is not part of 10 June', async () => {
    const refer = async (forenames: string, referredAt: string) =>
      (
        await post(
          '/v1/referrals',
          maracReferral({ person: person({ forenames, surname: 'Midsummer', dateOfBirth: '1979-06-06' }), referredAt }),
        )
      ).body.caseId as string;
    const lateEvening = await refer('Eve', '2024-06-10T22:30:00Z'); // 23:30 BST on 10 June
    const afterMidnight = await refer('Dawn', '2024-06-10T23:30:00Z'); // 00:30 BST on 11 June
    const caseIdsOn = async (day: string) =>
      ((await cohort('MARAC', `?asOf=${day}&limit=200`).expect(200)).body.items as { caseId: string }[]).map(
        (item) => item.caseId,
      );
    const tenth = await caseIdsOn('2024-06-10');
    expect(tenth).toContain(lateEvening);
    expect(tenth).not.toContain(afterMidnight);
    expect(await caseIdsOn('2024-06-11')).toEqual(expect.arrayContaining([lateEvening, afterMidnight]));
  });

  it('finds names whatever their accents and apostrophes', async () => {
    const made = await post(
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Zoë Siân', surname: 'O’Brien', dateOfBirth: '1982-02-02' }) }),
    );
    const caseId = made.body.caseId as string;
    for (const q of ["zoe o'brien", 'ZOË', "sian o'brien", 'o’brien zoe']) {
      const found = (await cohort('MARAC', `?q=${encodeURIComponent(q)}`).expect(200)).body.items as {
        caseId: string;
      }[];
      expect({ q, found: found.map((item) => item.caseId) }).toEqual({ q, found: [caseId] });
    }
  });

  it('keeps other panels out and refuses bad filters with 400', async () => {
    const iomOnly = await tokenFor({ sub: 'iom-2', roles: ['coordinator'], panels: ['IOM'] });
    await cohort('MARAC', '', iomOnly).expect(403);
    const bad = await cohort('IOM', '?rag=purple&limit=0&idva=maybe');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['idva', 'limit', 'rag']);
    // Numbers are read as written: no hex, exponents or empty values standing for 0.
    const unreadable = await cohort('IOM', '?offset=&limit=1e1');
    expect(unreadable.status).toBe(400);
    expect(new Set((unreadable.body.errors as { field: string }[]).map((e) => e.field))).toEqual(
      new Set(['limit', 'offset']),
    );
  });

  it('shows MARAC IDVA support from the interventions that name an IDVA, and filters on it', async () => {
    const victim = (forenames: string, dateOfBirth: string) =>
      post('/v1/referrals', maracReferral({ person: person({ forenames, surname: 'Advocacy', dateOfBirth }) }));
    const supported = (await victim('Ines', '1983-04-04')).body.caseId as string;
    const housed = (await victim('Nora', '1984-05-05')).body.caseId as string;
    const idva = await post(`/v1/cases/${supported}/interventions`, {
      type: 'IDVA support',
      provider: 'Synthetic IDVA service',
    });
    expect(idva.status).toBe(201);
    await post(`/v1/cases/${housed}/interventions`, { type: 'Tenancy support', provider: 'Synthetic housing' }).then(
      (r) => expect(r.status).toBe(201),
    );
    const idvaByCase = async (query = '') => {
      const items = (await cohort('MARAC', query).expect(200)).body.items as {
        caseId: string;
        marac: { idva: unknown };
      }[];
      return new Map(items.map((item) => [item.caseId, item.marac.idva]));
    };
    expect((await idvaByCase()).get(supported)).toBe('arranged');

    await post(`/v1/cases/${supported}/interventions/${idva.body.interventionId}/start`, {}).then((r) =>
      expect(r.status).toBe(200),
    );
    const all = await idvaByCase();
    expect(all.get(supported)).toBe('started');
    // Every other MARAC case here has no IDVA intervention: a tenancy support one, or none at all.
    expect([...all].filter(([caseId]) => caseId !== supported).map(([, shown]) => shown)).toEqual(
      Array(all.size - 1).fill(null),
    );
    expect([...(await idvaByCase('?idva=started')).keys()]).toEqual([supported]);
    const none = await idvaByCase('?idva=none');
    expect(none.has(housed)).toBe(true);
    expect(none.has(supported)).toBe(false);
  });

  it("flags the IOM cases the month's core-cohort upload no longer supports, until an upload finds them eligible again", async () => {
    const header =
      'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
    // Synthetic people only; both eligible (OGRS 80, OVP 40).
    const esme = 'E300001,,Esme,Expiry,1989-07-07,,80,40,N';
    const finn = 'F300002,,Finn,Steady,1990-08-08,,80,40,N';
    const importMonth = async (month: string, ...rows: string[]) => {
      await uploadedToIom(api, token, month, [header, ...rows].join('\n'));
      // The job's events are in the store: read the tracker only once it has them.
      lastPosition = Number(await api.app.get<symbol, EventStore>(EVENT_STORE).headPosition());
    };
    type IomItem = { caseId: string; displayName: string; iom: { decision: string | null; cohortExpiry: unknown } };
    const iomItem = async (caseIdOrName: string) =>
      ((await cohort('IOM').expect(200)).body.items as IomItem[]).find((item) =>
        [item.caseId, item.displayName].includes(caseIdOrName),
      );

    // Adopted by the panel on a referral of its own, which the uploads then find by the CRN.
    const referral = await post(
      '/v1/referrals',
      iomReferral(
        {},
        {
          person: person({
            forenames: 'Esme',
            surname: 'Expiry',
            dateOfBirth: '1989-07-07',
            identifiers: { crn: 'E300001' },
          }),
        },
      ),
    );
    const esmeCase = referral.body.caseId as string;
    await post(`/v1/cases/${esmeCase}/iom/adopt`, { reason: 'Prolific, agreed at panel' }).then((r) =>
      expect(r.status).toBe(200),
    );
    await importMonth('2024-03', esme, finn);
    expect((await iomItem(esmeCase))?.iom).toMatchObject({ decision: 'adopted', cohortExpiry: null });

    await importMonth('2024-04', finn);
    expect((await iomItem(esmeCase))?.iom).toMatchObject({
      decision: 'adopted',
      cohortExpiry: { month: '2024-04', reason: 'absent-from-upload' },
    });
    expect((await iomItem('Finn Steady'))?.iom.cohortExpiry).toBeNull();

    await importMonth('2024-05', esme, finn);
    expect((await iomItem(esmeCase))?.iom).toMatchObject({ decision: 'adopted', cohortExpiry: null });
  });
});
