import { apiForSuite } from './support/api-suite';
import { rejectedByIom } from './support/iom-cases';
import { referredToMarac } from './support/marac';
import { confirmedAsOnePerson } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

interface Read {
  action: string;
  position: string;
  personId?: string;
  personIds: string[];
  caseIds: string[];
  pathParameters?: Record<string, string>;
  shownInMergedRecord?: boolean;
}
interface Referred {
  caseId: string;
  personId: string;
}

/**
 * A subject access report lists every read that showed the person: a list of several people's
 * cases counts for each of them, and a view of a wrongly merged record counts for the person later
 * split off it. Each gets what the read showed about them only. Synthetic people only.
 */
describe('subject access: every read that showed the person', () => {
  const { client, tokens } = apiForSuite({
    coordinator: COORDINATOR_ALL_PANELS,
    auditor: AUDITOR,
    maracAuditor: { ...AUDITOR, sub: 'auditor-marac-shown', panels: ['MARAC'] },
  });
  /** Unredacted (a MARAC member's), so a MARAC case id can be checked. */
  const reportOf = async (personId: string) =>
    (await client.get(`/v1/audit/subject-access/${personId}?redactMarac=false`, tokens.maracAuditor, null).expect(200))
      .body as { reads: Read[] };
  const refer = async (who: Record<string, unknown>): Promise<Referred> => {
    const response = await client.post('/v1/referrals', tokens.coordinator, iomReferral({}, { person: who }));
    expect(response.status).toBe(201);
    return response.body as Referred;
  };

  describe('a tracker page listing two people’s cases', () => {
    let mother: Referred;
    let son: Referred;
    let listed: string;

    beforeAll(async () => {
      mother = await refer(hollingsworth({ forenames: 'Morwenna', surname: 'Tregarthen', sex: 'female' }));
      son = await refer(
        hollingsworth({ forenames: 'Jago', surname: 'Tregarthen', dateOfBirth: '2001-03-09', postcode: 'N7 6PA' }),
      );
      expect(son.personId).not.toBe(mother.personId);
      const page = await client.get('/v1/panels/IOM/cohort?q=tregarthen', tokens.coordinator).expect(200);
      expect((page.body.items as { caseId: string }[]).map((i) => i.caseId).sort()).toEqual(
        [mother.caseId, son.caseId].sort(),
      );
      const trail = await client.get('/v1/audit/trail?action=search', tokens.auditor, null).expect(200);
      listed = (trail.body.items as Read[]).find((r) => r.caseIds.includes(son.caseId))?.position ?? 'none';
    });

    it('is in the report of each person listed, naming only their own case and id', async () => {
      for (const [own, other] of [
        [mother, son],
        [son, mother],
      ] as const) {
        const report = await reportOf(own.personId);
        expect(report.reads.filter((r) => r.position === listed)).toEqual([
          expect.objectContaining({
            action: 'search',
            personId: own.personId,
            personIds: [own.personId],
            caseIds: [own.caseId],
          }),
        ]);
        // How many the page listed would tell them that someone else shares the name searched.
        expect(report.reads.find((r) => r.position === listed)).not.toHaveProperty('resultCount');
        const text = JSON.stringify(report.reads);
        for (const theirs of [other.caseId, other.personId])
          expect({ theirs, found: text.includes(theirs) }).toEqual({ theirs, found: false });
      }
    });
  });

  describe('a view of a record that wrongly held someone else’s case, before the split', () => {
    let first: Referred;
    let splitOff: Referred;
    let before: string;
    let after: string;

    beforeAll(async () => {
      const man = hollingsworth({ surname: 'Penwarden', dateOfBirth: '1983-06-11', postcode: 'N4 1DE' });
      first = await refer(man);
      await rejectedByIom(client, tokens.coordinator, first.caseId);
      const again = await refer(man);
      expect(again.personId).toBe(first.personId);
      const viewed = await client.get(`/v1/people/${first.personId}`, tokens.coordinator, 'case review').expect(200);
      const record = (viewed.body.records as { recordId: string; caseId?: string }[]).find(
        (r) => r.caseId === again.caseId,
      );
      const split = await client.post(`/v1/people/${first.personId}/split`, tokens.coordinator, {
        reason: 'Second referral was his brother',
        recordIds: [record?.recordId],
        caseIds: [again.caseId],
      });
      expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
      splitOff = { caseId: again.caseId, personId: split.body.intoPersonId as string };
      await client.get(`/v1/people/${first.personId}`, tokens.coordinator, 'after the split').expect(200);
      const trail = await client
        .get(`/v1/audit/trail?personId=${first.personId}&action=person-viewed`, tokens.auditor, null)
        .expect(200);
      [before, after] = (trail.body.items as Read[]).map((r) => r.position) as [string, string];
    });

    it('is in the report of the person split off, naming only their case and not the record viewed', async () => {
      const report = await reportOf(splitOff.personId);
      const views = report.reads.filter((r) => r.action === 'person-viewed');
      expect(views).toEqual([
        expect.objectContaining({
          position: before,
          personId: splitOff.personId,
          caseIds: [splitOff.caseId],
          shownInMergedRecord: true,
        }),
      ]);
      expect(JSON.stringify(report.reads)).not.toContain(first.personId);
      expect(JSON.stringify(report.reads)).not.toContain(first.caseId);
    });

    it('stays in the report of the person whose record was viewed, with the view after the split', async () => {
      const report = await reportOf(first.personId);
      expect(report.reads.filter((r) => r.action === 'person-viewed').map((r) => r.position)).toEqual([before, after]);
      expect(JSON.stringify(report.reads)).not.toContain(splitOff.caseId);
    });
  });

  describe('a view of the survivor of a wrong merge, undone by a restoring split', () => {
    let first: Referred;
    let restored: Referred;
    let views: string[];

    beforeAll(async () => {
      const { coordinator } = tokens;
      const victim = (dateOfBirth: string, postcode: string) =>
        person({ forenames: 'Tamsin', surname: 'Carveth', dateOfBirth, postcode });
      first = await referredToMarac(client, coordinator, victim('1990-04-02', 'N16 7UX'), '2024-02-05T10:00:00Z');
      restored = await referredToMarac(client, coordinator, victim('1990-04-03', 'E5 0LL'), '2024-09-09T10:00:00Z');
      const view = (purpose: string) => client.get(`/v1/people/${first.personId}`, coordinator, purpose).expect(200);
      await view('before the merge');
      await confirmedAsOnePerson(client, coordinator, first.personId, restored.personId);
      await view('while merged');
      const split = await client.post(`/v1/people/${first.personId}/split`, coordinator, {
        reason: 'Two women: the IDVA met both',
        restore: restored.personId,
      });
      expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
      await view('after the split');
      const trail = await client
        .get(`/v1/audit/trail?personId=${first.personId}&action=person-viewed`, tokens.auditor, null)
        .expect(200);
      views = (trail.body.items as Read[]).map((r) => r.position);
      expect(views).toHaveLength(3);
    });

    it('gives the person restored the view made while they were merged, and neither of the others', async () => {
      const report = await reportOf(restored.personId);
      expect(report.reads.filter((r) => r.action === 'person-viewed')).toEqual([
        expect.objectContaining({
          position: views[1],
          personId: restored.personId,
          caseIds: [restored.caseId],
          shownInMergedRecord: true,
        }),
      ]);
      expect(JSON.stringify(report.reads)).not.toContain(first.personId);
      expect(JSON.stringify(report.reads)).not.toContain(first.caseId);
    });
  });
});
