import { iomReferral, maracReferral } from './support/referrals';
import { hollingsworth, peopleClient } from './support/people';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

interface OverlapsPage {
  items: { personId: string; panels: string[]; cases: { caseId: string; panel: string; role: string }[] }[];
  total: number;
  next?: string;
}

/**
 * At 50,000 cases hundreds of people have open cases on two panels; the list comes a page at a
 * time, and walking the pages with `next` gives each person once.
 */
describe('GET /v1/people/overlaps, a page at a time', () => {
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let all: string;
  let iomOnly: string;
  const overlapping: string[] = [];
  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    all = await tokenFor(COORDINATOR_ALL_PANELS);
    iomOnly = await tokenFor({ sub: 'iom-paging', roles: ['coordinator'], panels: ['IOM'] });
    const people = [
      hollingsworth({ forenames: 'Ottoline', surname: 'Brackenbury', sex: 'female', dateOfBirth: '1981-03-02' }),
      hollingsworth({ forenames: 'Peregrine', surname: 'Waddingham', dateOfBirth: '1979-11-23', postcode: 'N16 7AB' }),
      hollingsworth({ forenames: 'Ysolde', surname: 'Fairweather', sex: 'female', dateOfBirth: '1990-05-19' }),
    ];
    for (const person of people) {
      const iom = await client.refer(all, iomReferral({}, { person }));
      const marac = await client.refer(all, maracReferral({ person }, { perpetrator: undefined }));
      expect(marac.personId).toBe(iom.personId);
      overlapping.push(iom.personId);
    }
  });
  afterAll(async () => {
    await api.close();
  });

  const page = async (token: string, query: string): Promise<OverlapsPage> =>
    (await client.get(`/v1/people/overlaps${query}`, token).expect(200)).body as OverlapsPage;

  it('walks every person once through `next`, `limit` at a time, with the total on each page', async () => {
    const seen: string[] = [];
    let query = '?limit=1';
    for (let pages = 0; pages < 10; pages++) {
      const got = await page(all, query);
      expect(got.items).toHaveLength(1);
      expect(got.total).toBe(3);
      seen.push(...got.items.map((o) => o.personId));
      if (got.next === undefined) break;
      expect(got.next).toBe(got.items[0]?.personId);
      query = `?limit=1&cursor=${got.next}`;
    }
    expect(seen).toEqual([...overlapping].sort());
    const whole = await page(all, '');
    expect(whole.items.map((o) => o.personId)).toEqual(seen);
    expect(whole.next).toBeUndefined();
    expect(whole.items.map((o) => o.panels)).toEqual([
      ['IOM', 'MARAC'],
      ['IOM', 'MARAC'],
      ['IOM', 'MARAC'],
    ]);
  });

  it("pages a panel's reader over their own panels' cases only", async () => {
    const first = await page(iomOnly, '?limit=2');
    expect(first.total).toBe(3);
    expect(first.next).toBe(first.items[1]?.personId);
    const rest = await page(iomOnly, `?limit=2&cursor=${first.next}`);
    expect(rest.next).toBeUndefined();
    const items = [...first.items, ...rest.items];
    expect(items.map((o) => o.personId)).toEqual([...overlapping].sort());
    expect(items.flatMap((o) => o.cases.map((c) => c.panel))).toEqual(['IOM', 'IOM', 'IOM']);
  });

  it('refuses a limit outside 1..500 or a cursor that is no page’s end, naming the parameter', async () => {
    for (const [query, field, rule] of [
      ['?limit=0', 'limit', 'min'],
      ['?limit=501', 'limit', 'max'],
      ['?limit=ten', 'limit', 'isInt'],
      ['?cursor=not-a-person', 'cursor', 'isUuid'],
    ] as const) {
      const refused = await client.get(`/v1/people/overlaps${query}`, all);
      expect({ query, status: refused.status, errors: refused.body.errors }).toEqual({
        query,
        status: 400,
        errors: expect.arrayContaining([expect.objectContaining({ field, rule })]) as unknown,
      });
    }
  });

  it('documents limit and cursor in the OpenAPI document', async () => {
    const document = (await client.get('/docs-json', all).expect(200)).body as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    expect(document.paths['/v1/people/overlaps']?.get.parameters.map((p) => p.name).sort()).toEqual([
      'cursor',
      'limit',
    ]);
  });
});
