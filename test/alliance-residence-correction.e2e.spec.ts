import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { allianceReferral, person } from './support/referrals';
import { ANALYST } from './support/tokens';

/**
 * Where an Alliance child lives decides whether their own borough's MASH takes them on (and the
 * scheme stops following them up) and which borough the evaluation counts them under. A custody
 * suite types it freely, so a text naming two boroughs is sent back for the one the child lives
 * in, and a residence mistyped or since changed is corrected on the case. All children are synthetic.
 */
describe('Operation Alliance: one borough of residence, corrected on the case', () => {
  const { api, client, tokens } = apiForSuite({
    ally: { sub: 'ally-1', roles: ['coordinator'], panels: ['ALLIANCE'], agency: 'Haringey Council' },
    analyst: ANALYST,
  });
  const refer = (surname: string, residence: string, referredAt: string) =>
    client.post(
      '/v1/referrals',
      tokens.ally,
      allianceReferral(
        { referredAt, person: person({ forenames: 'Kai', surname, dateOfBirth: '2010-03-03', sex: 'male' }) },
        { residence },
      ),
    );
  const referred = async (surname: string, residence: string, referredAt: string) => {
    const made = await refer(surname, residence, referredAt);
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const on = (caseId: string, route: string, body: unknown) =>
    client.post(`/v1/cases/${caseId}/${route}`, tokens.ally, body);
  const problem = (response: { status: number; body: { errors?: { field: string; rule: string }[] } }) => ({
    status: response.status,
    field: response.body.errors?.[0]?.field,
    rule: response.body.errors?.[0]?.rule,
  });
  const eventsNaming = async (surname: string) => {
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    return (await store.readAll({})).filter((e) => JSON.stringify(e.data).includes(surname));
  };
  const trackedResidence = async (caseId: string, asOf?: string) => {
    const query = asOf === undefined ? '' : `&asOf=${asOf}`;
    const tracker = await client.get(`/v1/panels/ALLIANCE/cohort?limit=500${query}`, tokens.ally);
    expect(tracker.status).toBe(200);
    const items = tracker.body.items as { caseId: string; alliance: { residence: string | null } }[];
    return items.find((item) => item.caseId === caseId)?.alliance.residence;
  };
  const residenceTable = async (from: string, to: string) => {
    const report = await client.get(`/v1/analytics/alliance/engagement?from=${from}&to=${to}`, tokens.analyst, null);
    expect(report.status).toBe(200);
    return report.body.total.residence as Record<string, number>;
  };

  describe('a residence naming a home borough and another borough', () => {
    it.each(['Barnet, near Enfield', 'Hackney (school in Haringey)', 'LB Haringey / London Borough of Camden'])(
      'refuses %j at referral: 400 naming alliance.residence, asking for one borough, nothing written',
      async (typed) => {
        const surname = `Twoplaces${typed.length}`;
        const refused = await refer(surname, typed, '2025-09-03T15:00:00Z');
        expect(problem(refused)).toEqual({
          status: 400,
          field: 'alliance.residence',
          rule: 'alliance-residence-ambiguous',
        });
        expect(JSON.stringify(refused.body)).toContain('the one borough the child lives in');
        expect(await eventsNaming(surname)).toEqual([]);
        expect((await refer(surname, 'Barnet', '2025-09-03T15:00:00Z')).status).toBe(201);
      },
    );

    it.each(['Haringey, St Ann’s ward', 'N17 Haringey (City of London school)'])(
      'reads %j as Haringey alone: taken, and the child is kept from the out-of-area MASH outcome',
      async (typed) => {
        const caseId = await referred(`Wardschool${typed.length}`, typed, '2025-09-04T15:00:00Z');
        const mash = { outcome: 'out-of-area-mash-referral', occurredAt: '2025-09-04T16:00:00Z' };
        expect(problem(await on(caseId, 'engagement-outcome', mash))).toMatchObject({
          status: 422,
          rule: 'alliance-out-of-area-residence',
        });
      },
    );

    it('still takes a home borough named as a street beside the borough the child lives in', async () => {
      expect((await refer('Streetwise', '12 Enfield Road, Hackney', '2025-09-03T15:00:00Z')).status).toBe(201);
    });
  });

  describe('POST /v1/cases/{caseId}/alliance-residence', () => {
    it('puts right a residence mistyped in custody: the out-of-area MASH outcome follows it, and the evaluation', async () => {
      const engagedAt = '2025-09-10T15:00:00Z';
      const caseId = await referred('Mistyped', 'Haringey', engagedAt);
      const mash = { outcome: 'out-of-area-mash-referral', occurredAt: '2025-09-10T17:00:00Z' };
      expect(problem(await on(caseId, 'engagement-outcome', mash))).toMatchObject({
        status: 422,
        rule: 'alliance-out-of-area-residence',
      });

      const corrected = await on(caseId, 'alliance-residence', {
        residence: 'Barnet',
        reason: 'Mistyped in custody: lives with his mother in Barnet',
        occurredAt: engagedAt,
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.events).toEqual(['alliance-residence-recorded']);

      expect((await on(caseId, 'engagement-outcome', mash)).status).toBe(200);
      const view = await client.get(`/v1/cases/${caseId}`, tokens.ally);
      const [engagement] = Object.values(view.body.details.engagements as Record<string, Record<string, unknown>>);
      expect(engagement).toMatchObject({
        residenceBorough: 'Barnet',
        residenceHistory: [
          { residenceBorough: 'Haringey', from: engagedAt },
          { residenceBorough: 'Barnet', from: engagedAt },
        ],
      });
      expect(await residenceTable('2025-09-01', '2025-09-30')).toEqual({ Enfield: 0, Haringey: 0, other: 1 });
    });

    it('moves a child into the area from the day of the move: a later MASH outcome is refused, the report follows the period end', async () => {
      const caseId = await referred('Mover', 'Barnet', '2025-10-06T15:00:00Z');
      const moved = await on(caseId, 'alliance-residence', {
        residence: 'London Borough of Enfield',
        reason: 'Moved in with his aunt',
        occurredAt: '2025-11-02T10:00:00Z',
      });
      expect(moved.status).toBe(200);
      expect(
        problem(
          await on(caseId, 'engagement-outcome', {
            outcome: 'out-of-area-mash-referral',
            occurredAt: '2025-11-03T10:00:00Z',
          }),
        ),
      ).toMatchObject({ status: 422, field: 'outcome', rule: 'alliance-out-of-area-residence' });
      expect(
        (await on(caseId, 'engagement-outcome', { outcome: 'would-not-engage', occurredAt: '2025-11-03T10:00:00Z' }))
          .status,
      ).toBe(200);
      // The tracker shows where he lived on each day: Barnet until the move, Enfield from it.
      expect(await trackedResidence(caseId, '2025-11-01')).toBe('Barnet');
      expect(await trackedResidence(caseId, '2025-11-02')).toBe('London Borough of Enfield');
      expect(await trackedResidence(caseId)).toBe('London Borough of Enfield');
      // October's table was closed before the move; a table running into November counts him in Enfield.
      expect(await residenceTable('2025-10-01', '2025-10-31')).toEqual({ Enfield: 0, Haringey: 0, other: 1 });
      expect(await residenceTable('2025-10-01', '2025-11-30')).toEqual({ Enfield: 1, Haringey: 0, other: 0 });
    });

    it('puts right a closed case’s residence: the evaluation, and the tracker of the days it was open, follow', async () => {
      const engagedAt = '2025-08-01T15:00:00Z';
      const caseId = await referred('Closedtypo', 'Enfield', engagedAt);
      expect(
        (await on(caseId, 'engagement-outcome', { outcome: 'would-not-engage', occurredAt: '2025-08-01T16:00:00Z' }))
          .status,
      ).toBe(200);
      expect((await on(caseId, 'accept', { occurredAt: '2025-08-01T17:00:00Z' })).status).toBe(200);
      expect((await on(caseId, 'close', { exitStatus: 'disengaged', occurredAt: '2025-08-05T10:00:00Z' })).status).toBe(
        200,
      );
      const before = await residenceTable('2025-08-01', '2025-08-31');

      const corrected = await on(caseId, 'alliance-residence', {
        residence: 'Barnet',
        reason: 'Mistyped in custody: lives in Barnet',
        occurredAt: engagedAt,
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.events).toEqual(['alliance-residence-recorded']);
      const after = await residenceTable('2025-08-01', '2025-08-31');
      expect(after.Enfield).toBe((before.Enfield ?? 0) - 1);
      expect(after.other).toBe((before.other ?? 0) + 1);
      expect(await trackedResidence(caseId, '2025-08-02')).toBe('Barnet');

      // After the closure the scheme no longer follows the child: a move then is not its to record.
      expect(
        problem(
          await on(caseId, 'alliance-residence', {
            residence: 'Haringey',
            reason: 'Moved',
            occurredAt: '2025-08-06T10:00:00Z',
          }),
        ),
      ).toEqual({ status: 422, field: 'occurredAt', rule: 'alliance-residence-not-after-closure' });
    });

    it('refuses a back-dated move into the area that an out-of-area MASH outcome already recorded contradicts; a move after it is taken', async () => {
      const caseId = await referred('Handedaway', 'Barnet', '2025-10-06T15:00:00Z');
      const mash = { outcome: 'out-of-area-mash-referral', occurredAt: '2025-10-08T10:00:00Z' };
      expect((await on(caseId, 'engagement-outcome', mash)).status).toBe(200);

      const backDated = await on(caseId, 'alliance-residence', {
        residence: 'Enfield',
        reason: 'Had moved to Enfield the day before',
        occurredAt: '2025-10-07T10:00:00Z',
      });
      expect(problem(backDated)).toEqual({
        status: 422,
        field: 'occurredAt',
        rule: 'alliance-residence-contradicts-outcome',
      });
      expect(JSON.stringify(backDated.body)).toContain('date the move after');
      expect(await trackedResidence(caseId)).toBe('Barnet');

      const movedLater = await on(caseId, 'alliance-residence', {
        residence: 'Enfield',
        reason: 'Moved to Enfield after the MASH referral',
        occurredAt: '2025-10-09T10:00:00Z',
      });
      expect(movedLater.status).toBe(200);
      expect(await trackedResidence(caseId, '2025-10-08')).toBe('Barnet');
    });

    it('refuses a correction naming two boroughs, without a reason, or dated before the engagement; the same again records nothing', async () => {
      const caseId = await referred('Checked', 'Haringey', '2025-08-05T15:00:00Z');
      const at = '2025-08-06T10:00:00Z';
      expect(
        problem(
          await on(caseId, 'alliance-residence', {
            residence: 'Barnet, near Enfield',
            reason: 'Moved',
            occurredAt: at,
          }),
        ),
      ).toEqual({ status: 400, field: 'residence', rule: 'alliance-residence-ambiguous' });
      expect(problem(await on(caseId, 'alliance-residence', { residence: 'Barnet', occurredAt: at }))).toMatchObject({
        status: 400,
        field: 'reason',
      });
      expect(
        problem(
          await on(caseId, 'alliance-residence', {
            residence: 'Barnet',
            reason: 'Moved',
            occurredAt: '2025-08-04T10:00:00Z',
          }),
        ),
      ).toEqual({ status: 422, field: 'occurredAt', rule: 'alliance-on-or-after-engagement' });
      const again = await on(caseId, 'alliance-residence', {
        residence: 'Haringey',
        reason: 'Checked',
        occurredAt: at,
      });
      expect(again.status).toBe(200);
      expect(again.body.events).toEqual([]);
    });
  });
});
