import { apiForSuite } from './support/api-suite';
import { allianceReferral, person } from './support/referrals';
import { ANALYST } from './support/tokens';

const ENGAGED_AT = '2020-11-03T15:00:00Z';

describe('Operation Alliance engagements over HTTP', () => {
  const { client, tokens } = apiForSuite({
    ally: { sub: 'ally-1', roles: ['coordinator'], panels: ['ALLIANCE'], agency: 'Haringey Council' },
    analyst: ANALYST,
  });
  let serial = 0;
  const child = (dateOfBirth = '2006-01-01') =>
    person({ forenames: 'Kai', surname: `Synthetic${serial++}`, dateOfBirth, sex: 'male' });
  const refer = (overrides: Record<string, unknown> = {}, alliance: Record<string, unknown> = {}) =>
    client.post(
      '/v1/referrals',
      tokens.ally,
      allianceReferral({ referredAt: ENGAGED_AT, person: child(), ...overrides }, alliance),
    );
  const referred = async (alliance: Record<string, unknown> = {}) => {
    const made = await refer({}, alliance);
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const on = (caseId: string, route: string, body: unknown) =>
    client.post(`/v1/cases/${caseId}/${route}`, tokens.ally, body);
  const problem = (response: {
    status: number;
    body: { rule?: string; errors?: { field: string; rule: string }[] };
  }) => ({
    status: response.status,
    field: response.body.errors?.[0]?.field,
    rule: response.body.errors?.[0]?.rule,
  });
  const trackerOf = async (caseId: string) => {
    const cohort = await client.get('/v1/panels/ALLIANCE/cohort?limit=200', tokens.ally);
    expect(cohort.status).toBe(200);
    const items = cohort.body.items as { caseId: string; alliance: Record<string, unknown> }[];
    return items.find((item) => item.caseId === caseId)?.alliance;
  };

  describe('age on the UK calendar date of the referral', () => {
    it('takes a tenth birthday at 00:30 BST written in UTC as the birthday', async () => {
      const made = await refer({ referredAt: '2024-05-01T23:30:00Z', person: child('2014-05-02') });
      expect(made.status).toBe(201);
    });

    it('refuses a child whose 19th birthday had begun in London, written in a New York offset (422)', async () => {
      const made = await refer({ referredAt: '2024-05-01T20:00:00-05:00', person: child('2005-05-02') });
      expect(problem(made)).toEqual({ status: 422, field: 'person.dateOfBirth', rule: 'alliance-age-range' });
    });

    it('refuses a nine-year-old with the same status and rule as the registry range', async () => {
      const made = await refer({ referredAt: '2024-05-02T09:00:00Z', person: child('2014-05-03') });
      expect(problem(made)).toEqual({ status: 422, field: 'person.dateOfBirth', rule: 'alliance-age-range' });
    });
  });

  describe('referral time', () => {
    it('refuses a referral dated in the future (400 naming referredAt), allowing a few minutes of clock skew', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      expect(
        problem(await refer({ referredAt: tomorrow, person: child(`${new Date().getUTCFullYear() - 14}-01-01`) })),
      ).toEqual({
        status: 400,
        field: 'referredAt',
        rule: 'alliance-not-in-future',
      });
      const skewed = new Date(Date.now() + 120_000).toISOString();
      expect(
        (await refer({ referredAt: skewed, person: child(`${new Date().getUTCFullYear() - 14}-01-01`) })).status,
      ).toBe(201);
    });
  });

  describe('out-of-area outcome and residence', () => {
    it('refuses an out-of-area MASH referral for a Haringey child (422 naming outcome)', async () => {
      const caseId = await referred({ residence: 'Haringey' });
      const refused = await on(caseId, 'engagement-outcome', {
        outcome: 'out-of-area-mash-referral',
        occurredAt: '2020-11-03T16:00:00Z',
      });
      expect(problem(refused)).toEqual({ status: 422, field: 'outcome', rule: 'alliance-out-of-area-residence' });
      expect((await trackerOf(caseId))?.followUpDue).toBe('2020-11-05T15:00:00.000Z');
    });

    it('records it for a Kent child, who then owes the scheme no follow-up', async () => {
      const caseId = await referred({ residence: 'Kent' });
      const recorded = await on(caseId, 'engagement-outcome', {
        outcome: 'out-of-area-mash-referral',
        occurredAt: '2020-11-03T16:00:00Z',
      });
      expect(recorded.status).toBe(200);
      expect(await trackerOf(caseId)).toMatchObject({ followUpDue: null, followUpFrom: null });
    });
  });

  describe('dates after the engagement', () => {
    it('refuses an outcome and a follow-up dated before the engagement (422), so the follow-up can still be recorded', async () => {
      const caseId = await referred();
      const early = { outcome: 'awaiting-intervention', occurredAt: '2020-11-01T10:00:00Z' };
      expect(problem(await on(caseId, 'engagement-outcome', early))).toEqual({
        status: 422,
        field: 'occurredAt',
        rule: 'alliance-on-or-after-engagement',
      });
      expect(problem(await on(caseId, 'follow-up', { occurredAt: '2020-11-02T10:00:00Z' }))).toEqual({
        status: 422,
        field: 'occurredAt',
        rule: 'alliance-on-or-after-engagement',
      });
      expect((await on(caseId, 'follow-up', { occurredAt: '2020-11-04T10:00:00Z' })).status).toBe(200);
    });

    it('refuses an outcome dated in the future (400)', async () => {
      const caseId = await referred();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      expect(
        problem(await on(caseId, 'engagement-outcome', { outcome: 'would-not-engage', occurredAt: later })),
      ).toEqual({ status: 400, field: 'occurredAt', rule: 'alliance-not-in-future' });
    });
  });

  describe('release from custody', () => {
    it('shows the follow-up due from engagement until the release is recorded, then from release', async () => {
      const caseId = await referred();
      expect(await trackerOf(caseId)).toMatchObject({
        followUpDue: '2020-11-05T15:00:00.000Z',
        followUpFrom: 'engagement',
      });
      const released = await on(caseId, 'custody-release', { occurredAt: '2020-11-06T10:00:00Z' });
      expect(released.status).toBe(200);
      expect(released.body.events).toEqual(['alliance-custody-release-recorded']);
      expect(await trackerOf(caseId)).toMatchObject({
        followUpDue: '2020-11-08T10:00:00.000Z',
        followUpFrom: 'release',
      });
      expect(problem(await on(caseId, 'custody-release', { occurredAt: '2020-11-06T11:00:00Z' }))).toMatchObject({
        status: 409,
      });
    });

    it('refuses a release before the engagement (422) or in the future (400)', async () => {
      const caseId = await referred();
      expect(problem(await on(caseId, 'custody-release', { occurredAt: '2020-11-03T14:00:00Z' }))).toEqual({
        status: 422,
        field: 'occurredAt',
        rule: 'alliance-on-or-after-engagement',
      });
      const later = new Date(Date.now() + 3_600_000).toISOString();
      expect(problem(await on(caseId, 'custody-release', { occurredAt: later }))).toEqual({
        status: 400,
        field: 'occurredAt',
        rule: 'alliance-not-in-future',
      });
    });
  });

  describe('known to YOS later', () => {
    it('records a later check with its reason, and refuses one without a reason (400)', async () => {
      const caseId = await referred({ knownToYos: null });
      const checked = await on(caseId, 'known-to-yos', {
        knownToYos: true,
        reason: 'Checked with YOS duty officer',
        occurredAt: '2020-11-04T09:00:00Z',
      });
      expect(checked.status).toBe(200);
      expect(checked.body.events).toEqual(['alliance-known-to-yos-recorded']);
      expect(problem(await on(caseId, 'known-to-yos', { knownToYos: false }))).toMatchObject({
        status: 400,
        field: 'reason',
      });
    });

    it('puts right a closed case’s answer dated up to the closure: the case view and the evaluation follow', async () => {
      const engagedAt = '2021-03-02T15:00:00Z';
      const made = await refer({ referredAt: engagedAt }, { knownToYos: false });
      expect(made.status).toBe(201);
      const caseId = made.body.caseId as string;
      const outcome = { outcome: 'would-not-engage', occurredAt: '2021-03-02T16:00:00Z' };
      expect((await on(caseId, 'engagement-outcome', outcome)).status).toBe(200);
      expect((await on(caseId, 'accept', { occurredAt: '2021-03-02T17:00:00Z' })).status).toBe(200);
      const closure = { exitStatus: 'disengaged', occurredAt: '2021-03-09T10:00:00Z' };
      expect((await on(caseId, 'close', closure)).status).toBe(200);

      const corrected = await on(caseId, 'known-to-yos', {
        knownToYos: true,
        reason: 'YOS confirmed an order open at the arrest',
        occurredAt: engagedAt,
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.events).toEqual(['alliance-known-to-yos-recorded']);
      const view = await client.get(`/v1/cases/${caseId}`, tokens.ally);
      const [engagement] = Object.values(view.body.details.engagements as Record<string, Record<string, unknown>>);
      expect(engagement).toMatchObject({ knownToYos: true });
      const table = await client.get('/v1/analytics/alliance/engagement?from=2021-03-01&to=2021-03-31', tokens.analyst);
      expect(table.status).toBe(200);
      expect(table.body.total.knownToYos).toMatchObject({ yes: 1, no: 0, notChecked: 0 });

      // After the closure the scheme no longer followed the child: an answer dated then is not its to record.
      const late = { knownToYos: false, reason: 'Rechecked', occurredAt: '2021-03-10T10:00:00Z' };
      expect(problem(await on(caseId, 'known-to-yos', late))).toEqual({
        status: 422,
        field: 'occurredAt',
        rule: 'alliance-known-to-yos-not-after-closure',
      });
    });
  });
});
