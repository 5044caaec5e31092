import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

type Item = { caseId: string };
type Page = { items: Item[]; total: number; next?: { after: string; limit: number; offset?: number } };

const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** Each way the tracker is read: in SQL, through the person index's SQL, and a past day's (in code when searched). */
const READS = [
  ['live', '/v1/panels/MARAC/cohort?'],
  ['live, searched by name', '/v1/panels/MARAC/cohort?q=pagewalk'],
  ['as of today', `/v1/panels/MARAC/cohort?asOf=${ukToday()}`],
  ['as of today, searched by name', `/v1/panels/MARAC/cohort?q=pagewalk&asOf=${ukToday()}`],
];

/**
 * A coordinator walks the tracker following `next` while colleagues change the list before the page
 * boundary: the cursor must carry the walk on from the last case seen, whichever way the list is read
 * (live in SQL, the name search through the person index, a past day's list, searched in code).
 */
describe('s11 tracker paging by cursor while the list changes', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const FORENAMES = ['Ada', 'Bea', 'Cyd', 'Dot', 'Eve', 'Fay', 'Gil', 'Hal', 'Ivy', 'Jo'];
  let referrals = 0;
  const refer = async (referredAt: string) => {
    referrals += 1;
    const forenames = FORENAMES[referrals - 1] ?? `Kit${referrals}`;
    const dateOfBirth = `19${50 + referrals}-0${(referrals % 9) + 1}-1${referrals % 10}`;
    const referral = maracReferral(
      { person: person({ forenames, surname: 'Pagewalk', dateOfBirth }), referredAt },
      { perpetrator: undefined },
    );
    return ((await client.refer(tokens.all, referral)) as Item).caseId;
  };
  const read = async (url: string): Promise<Page> => (await client.get(url, tokens.all).expect(200)).body as Page;

  beforeAll(async () => {
    for (let day = 1; day <= 8; day += 1) await refer(`2024-05-0${day}T09:00:00Z`);
  });

  /** Every case listed when the walk began is seen exactly once, though `change` ran after page 1. */
  const walk = async (url: string, change: (pageOne: Item[]) => Promise<void>) => {
    const before = (await read(`${url}&limit=500`)).items.map((item) => item.caseId);
    const seen: string[] = [];
    let page = await read(`${url}&limit=2`);
    seen.push(...page.items.map((item) => item.caseId));
    await change(page.items);
    while (page.next !== undefined) {
      page = await read(`${url}&limit=${page.next.limit}&after=${page.next.after}`);
      seen.push(...page.items.map((item) => item.caseId));
    }
    return { before, seen };
  };

  const declineFirst = async (pageOne: Item[]) => {
    const declined = await client.post(`/v1/cases/${pageOne[0]?.caseId}/decline`, tokens.all, {
      reason: 'Below threshold on review',
    });
    expect(declined.status).toBe(200);
  };
  // Referred before every case listed: an offset page would show the last case of page 1 again.
  let backDated = 0;
  const referBackDated = async () => {
    backDated += 1;
    await refer(`2024-04-${String(20 - backDated).padStart(2, '0')}T09:00:00Z`);
  };

  it.each(READS)('%s: a case declined on page 1 pushes no open case off the walk', async (_how, url) => {
    const { before, seen } = await walk(url, declineFirst);
    expect(seen).toEqual(before);
  });

  it.each(READS)('%s: a back-dated referral before page 1 shows no case twice', async (_how, url) => {
    const { before, seen } = await walk(url, referBackDated);
    expect(seen).toEqual(before);
  });

  it('gives offset paging the offset that follows, and the cursor beside it', async () => {
    const first = await read('/v1/panels/MARAC/cohort?limit=2');
    const second = await read(`/v1/panels/MARAC/cohort?limit=2&offset=${first.next?.offset}`);
    const byCursor = await read(`/v1/panels/MARAC/cohort?limit=2&after=${first.next?.after}`);
    expect(first.next).toEqual({ offset: 2, limit: 2, after: expect.any(String) });
    expect(second.items).toEqual(byCursor.items);
    // The whole `next` passed back pages by the cursor, which then gives no offset.
    const whole = await read(`/v1/panels/MARAC/cohort?limit=2&offset=2&after=${first.next?.after}`);
    expect(whole.items).toEqual(byCursor.items);
    expect(byCursor.next).toEqual({ limit: 2, after: expect.any(String) });
  });

  it.each([
    ['not base64 of a key', 'nonsense'],
    ['a key of one part', 'WyIyMDI0Il0'],
    ['empty', ''],
    ['longer than any key', 'x'.repeat(600)],
  ])('refuses a cursor %s naming after', async (_what, after) => {
    for (const route of ['/v1/panels/MARAC/cohort', '/v1/panels/IOM/eligible-not-adopted']) {
      const refused = await client.get(`${route}?after=${after}`, tokens.all).expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'after', rule: 'isCohortCursor', message: 'after must be the next.after of a previous page' },
      ]);
    }
  });
});
