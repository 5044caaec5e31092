import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface Problem {
  status: number;
  body: { rule?: string; errors?: { field?: string; rule: string }[] };
}
const problem = (response: Problem) => ({
  status: response.status,
  errors: response.body.errors?.map(({ field, rule }) => ({ field, rule })),
});
interface IomItem {
  caseId: string;
  iom: { decision: string | null; reasonCategory: string | null; reason: string | null };
}

/** Why the IOM panel did not manage an eligible person, as a category analysts can count. */
describe('IOM rejection and discretion categories', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const post = (url: string, body: object) => client.post(url, tokens.coordinator, body);
  let born = 0;
  /** A person of their own: no two share forenames or a date of birth. */
  const referred = async (surname: string, eligible = true): Promise<string> => {
    born += 1;
    const referral = iomReferral(eligible ? {} : { ovp2: 5 }, {
      person: person({ forenames: `${surname}son`, surname, dateOfBirth: `198${born}-0${born}-1${born}`, sex: 'male' }),
    });
    return (await client.refer(tokens.coordinator, referral)).caseId;
  };
  const tracker = async (query = '', minPosition?: number): Promise<Map<string, IomItem['iom']>> => {
    const call = client.get(`/v1/panels/IOM/cohort${query}`, tokens.coordinator);
    const response = await (minPosition === undefined ? call : call.set('X-Min-Position', String(minPosition)));
    expect(response.status).toBe(200);
    return new Map((response.body.items as IomItem[]).map((item) => [item.caseId, item.iom]));
  };

  it('refuses a rejection or discretionary adoption without a category from its list with 400 naming the field, writing nothing', async () => {
    const eligible = await referred('Uncategorised');
    for (const body of [{}, { reason: 'No capacity' }, { category: 'Capacity' }, { category: 'domestic-abuse' }]) {
      expect(problem(await post(`/v1/cases/${eligible}/iom/reject`, body))).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'category' })],
      });
    }
    for (const reason of [undefined, '   ']) {
      expect(problem(await post(`/v1/cases/${eligible}/iom/reject`, { category: 'other', reason }))).toEqual({
        status: 400,
        errors: [{ field: 'reason', rule: 'iom-reason-for-other' }],
      });
    }
    const notEligible = await referred('Undiscretioned', false);
    for (const body of [{ reason: 'Local priority' }, { category: 'capacity' }]) {
      expect(problem(await post(`/v1/cases/${notEligible}/iom/adopt-by-discretion`, body))).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'category' })],
      });
    }
    expect(problem(await post(`/v1/cases/${notEligible}/iom/adopt-by-discretion`, { category: 'other' }))).toEqual({
      status: 400,
      errors: [{ field: 'reason', rule: 'iom-reason-for-other' }],
    });
    const items = await tracker();
    expect(items.get(eligible)).toMatchObject({ decision: null, reasonCategory: null });
    expect(items.get(notEligible)).toMatchObject({ decision: null, reasonCategory: null });
  });

  it('shows the category with the reason on the tracker and on the eligible-not-adopted list', async () => {
    const mappa = await referred('Mappa');
    const capacity = await referred('Capacity');
    const local = await referred('Local', false);
    const decided = [
      await post(`/v1/cases/${mappa}/iom/reject`, {
        category: 'managed-under-mappa',
        reason: 'MAPPA level 2 since March',
      }),
      await post(`/v1/cases/${capacity}/iom/reject`, { category: 'capacity' }),
      await post(`/v1/cases/${local}/iom/adopt-by-discretion`, { category: 'domestic-abuse' }),
    ];
    expect(decided.map((response) => response.status)).toEqual([200, 200, 200]);

    const rejected = await tracker('?eligibility=rejected');
    expect(rejected.get(mappa)).toMatchObject({
      decision: 'rejected',
      reasonCategory: 'managed-under-mappa',
      reason: 'MAPPA level 2 since March',
    });
    expect(rejected.get(capacity)).toMatchObject({ decision: 'rejected', reasonCategory: 'capacity', reason: null });
    expect((await tracker()).get(local)).toMatchObject({ decision: 'discretionary', reasonCategory: 'domestic-abuse' });
    const gap = await client.get('/v1/panels/IOM/eligible-not-adopted', tokens.coordinator).expect(200);
    expect((gap.body.items as IomItem[]).find((item) => item.caseId === mappa)?.iom).toMatchObject({
      reasonCategory: 'managed-under-mappa',
      reason: 'MAPPA level 2 since March',
    });
  });

  it('shows a rejection recorded before categories as not-categorised, its text as recorded, and counts it so', async () => {
    const caseId = await referred('Legacy');
    const store = api.app.get<EventStore>(EVENT_STORE);
    const stream = `case-${caseId}`;
    const before = await store.readStream(stream);
    const occurredAt = new Date().toISOString();
    const metadata = {
      actor: { id: 'coord-legacy', name: 'Synthetic Coordinator', agency: 'Probation', roles: ['coordinator'] },
      correlationId: 'legacy-rejection',
      causationId: 'legacy-rejection',
      occurredAt,
      recordedAt: occurredAt,
      schemaVersion: 1,
    };
    const reason = 'Capacity: lives with victim at 12 Elm Rd';
    const { position } = await store.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'iom-case-rejected',
          data: { reason, eligibleWhenRejected: true, occurredAt },
          metadata,
        },
        { id: randomUUID(), type: 'referral-declined', data: { reason, occurredAt }, metadata },
      ],
      { expected: BigInt(before.length - 1) },
    );
    expect((await tracker('?eligibility=rejected', Number(position))).get(caseId)).toMatchObject({
      reasonCategory: 'not-categorised',
      reason,
    });
    const day = occurredAt.slice(0, 10);
    const report = await client.get(`/v1/analytics/iom/cohort?from=${day}&to=${day}`, tokens.analyst).expect(200);
    expect(report.body.eligibleNotAdopted.byReason['not-categorised']).toBe(1);
    expect(JSON.stringify(report.body)).not.toMatch(/elm rd|capacity:/i);
  });
});
