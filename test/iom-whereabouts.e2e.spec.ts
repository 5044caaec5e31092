import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';
import { apiForSuite } from './support/api-suite';
import { DAY_MS, dayOf, daysAgo } from './iom-enforcement-days';

interface IomItem {
  caseId: string;
  iom: { unlocatedSince: string | null; nonEngagementSince: string | null; enforcement: string[] };
}
interface Problem {
  status: number;
  body: { rule?: string; errors?: { field?: string; rule: string }[] };
}
const problem = (response: Problem) => ({
  status: response.status,
  rule: response.body.rule,
  errors: response.body.errors?.map(({ field, rule }) => ({ field, rule })),
});

describe('IOM whereabouts: unlocated six months or more → consider a media appeal', () => {
  const { client, tokens } = apiForSuite({
    coordinator: COORDINATOR_ALL_PANELS,
    iomOnly: IOM_ONLY_COORDINATOR,
    auditor: AUDITOR,
  });
  const post = (url: string, body: object, token = tokens.coordinator) => client.post(url, token, body);
  const whereabouts = (caseId: string, body: object, token?: string) =>
    post(`/v1/cases/${caseId}/iom/whereabouts`, body, token);
  const record = async (caseId: string, what: 'unlocated' | 'located', occurredAt: string) =>
    expect((await whereabouts(caseId, { whereabouts: what, occurredAt })).status).toBe(200);
  const referred = async (surname: string, dateOfBirth: string): Promise<string> =>
    (
      await client.refer(
        tokens.coordinator,
        iomReferral({}, { referredAt: daysAgo(260), person: person({ surname, dateOfBirth }) }),
      )
    ).caseId;
  const items = async (query = ''): Promise<Map<string, IomItem['iom']>> => {
    const response = await client.get(`/v1/panels/IOM/cohort${query}`, tokens.coordinator).expect(200);
    return new Map((response.body.items as IomItem[]).map((item) => [item.caseId, item.iom]));
  };

  let missing: string;
  let missingFrom: string;
  let recent: string;
  let found: string;
  let foundFrom: string;
  beforeAll(async () => {
    // Unlocated 200 days ago (six months and more), and not engaging since 150 days ago: both due.
    missing = await referred('Missing', '1988-02-02');
    missingFrom = daysAgo(200);
    await record(missing, 'unlocated', missingFrom);
    expect(
      (
        await post(`/v1/cases/${missing}/engagement`, {
          level: 'no-attendance-or-engagement',
          occurredAt: daysAgo(150),
        })
      ).status,
    ).toBe(200);
    // Unlocated 100 days ago: under six months.
    recent = await referred('Recent', '1989-03-03');
    await record(recent, 'unlocated', daysAgo(100));
    // Unlocated 230 days ago, located again 10 days ago: the run has ended.
    found = await referred('Found', '1987-04-04');
    foundFrom = daysAgo(230);
    await record(found, 'unlocated', foundFrom);
    await record(found, 'located', daysAgo(10));
  });

  it('shows since when each nominal is unlocated, and a media appeal at six months or more beside background checks', async () => {
    const all = await items();
    expect(all.get(missing)).toMatchObject({
      unlocatedSince: dayOf(missingFrom),
      enforcement: ['background-checks', 'media-appeal'],
    });
    expect(all.get(recent)).toMatchObject({ unlocatedSince: dayOf(daysAgo(100)), enforcement: [] });
    expect(all.get(found)).toMatchObject({ unlocatedSince: null, enforcement: [] });
  });

  it('filters the tracker to the nominals due a media appeal', async () => {
    expect([...(await items('?enforcement=media-appeal')).keys()]).toEqual([missing]);
  });

  it('answers as of a past day with the rule applied on that day', async () => {
    // 20 days ago: the found nominal had been unlocated 210 days (due); the missing one 180 (under six months).
    const then = await items(`?asOf=${dayOf(daysAgo(20))}`);
    expect(then.get(found)).toMatchObject({ unlocatedSince: dayOf(foundFrom), enforcement: ['media-appeal'] });
    // It was due background checks by then (not engaging for 130 days), not yet a media appeal.
    expect(then.get(missing)).toMatchObject({ unlocatedSince: dayOf(missingFrom), enforcement: ['background-checks'] });
    expect([...(await items(`?asOf=${dayOf(daysAgo(20))}&enforcement=media-appeal`)).keys()]).toEqual([found]);
    // Before the missing nominal was unlocated.
    expect((await items(`?asOf=${dayOf(daysAgo(210))}`)).get(missing)).toMatchObject({ unlocatedSince: null });
  });

  it('refuses bad input with 400 naming the field and rule, writing nothing', async () => {
    const caseId = await referred('Checked', '1990-05-05');
    expect(problem(await whereabouts(caseId, {}))).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'whereabouts' })],
    });
    expect(problem(await whereabouts(caseId, { whereabouts: 'missing' }))).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'whereabouts' })],
    });
    expect(
      problem(await whereabouts(caseId, { whereabouts: 'unlocated', occurredAt: '2025-01-01T10:00' })),
    ).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'occurredAt' })] });
    const tomorrow = new Date(Date.now() + DAY_MS).toISOString();
    expect(problem(await whereabouts(caseId, { whereabouts: 'unlocated', occurredAt: tomorrow }))).toMatchObject({
      status: 400,
      errors: [{ field: 'occurredAt', rule: 'iom-whereabouts-not-in-future' }],
    });
    expect(problem(await whereabouts(caseId, { whereabouts: 'unlocated', occurredAt: daysAgo(300) }))).toMatchObject({
      status: 400,
      errors: [{ field: 'occurredAt', rule: 'iom-whereabouts-from-referral' }],
    });
    expect(problem(await whereabouts(caseId, { whereabouts: 'located', occurredAt: daysAgo(5) }))).toMatchObject({
      status: 409,
      rule: 'iom-whereabouts-change',
    });
    expect((await items()).get(caseId)).toMatchObject({ unlocatedSince: null });
    await record(caseId, 'unlocated', daysAgo(40));
    expect(problem(await whereabouts(caseId, { whereabouts: 'located', occurredAt: daysAgo(41) }))).toMatchObject({
      status: 400,
      errors: [{ field: 'occurredAt', rule: 'iom-whereabouts-in-order' }],
    });
    expect((await items()).get(caseId)).toMatchObject({ unlocatedSince: dayOf(daysAgo(40)) });
  });

  it("answers another panel's case as other IOM-only commands do, a non-member 404, and a closed case 409", async () => {
    const marac = await client.refer(tokens.coordinator, maracReferral({ referredAt: daysAgo(30) }));
    const onMarac = { whereabouts: 'unlocated', occurredAt: daysAgo(3) };
    const pathways = await post(`/v1/cases/${marac.caseId}/iom/pathways`, { pathways: ['accommodation'] });
    expect(problem(await whereabouts(marac.caseId, onMarac))).toEqual({ ...problem(pathways), status: 409 });
    expect(problem(await whereabouts(marac.caseId, onMarac))).toMatchObject({ status: 409, rule: 'panel-kind' });
    expect((await whereabouts(marac.caseId, onMarac, tokens.iomOnly)).status).toBe(404);

    const closed = await referred('Closed', '1991-06-06');
    expect((await post(`/v1/cases/${closed}/iom/adopt`, { reason: 'Meets the core cohort' })).status).toBe(200);
    expect((await post(`/v1/cases/${closed}/close`, { exitStatus: 'success' })).status).toBe(200);
    expect(problem(await whereabouts(closed, { whereabouts: 'unlocated', occurredAt: daysAgo(1) }))).toMatchObject({
      status: 409,
      rule: 'case-open',
    });
  });

  it('puts each record on the audit trail as what it says, by whom, on which case', async () => {
    const trail = async (action: string) =>
      (await client.get(`/v1/audit/trail?caseId=${found}&action=${action}`, tokens.auditor, null).expect(200)).body
        .items as unknown[];
    for (const action of ['iom-unlocated-recorded', 'iom-located-recorded']) {
      expect(await trail(action)).toEqual([
        expect.objectContaining({
          action,
          kind: 'write',
          caseId: found,
          actor: expect.objectContaining({ id: COORDINATOR_ALL_PANELS.sub }),
        }),
      ]);
    }
  });
});
