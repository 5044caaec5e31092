import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { rejectedByIom } from './support/iom-cases';
import { confirmedAsOnePerson, queuedReviewOf } from './support/match-reviews';
import { hollingsworth, syntheticPnc, type ReferralMade } from './support/people';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { POLICE_PROBATION_DSA } from './support/sharing';
import { AUDITOR, COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

/** Full reports hold MARAC content, which only a MARAC member may have unredacted. */
const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac', panels: ['MARAC'] };
/** What the report leaves where another person's data was, for a person to decide on. */
const WITHHELD = '[withheld pending review]';
const THIRD_PARTY = 'third-party data: decide before disclosure';

interface HeldEvent {
  type: string;
  stream: string;
  data?: Record<string, unknown>;
  about?: { path: string; fields: Record<string, unknown> }[];
}
interface ReportCase {
  caseId: string;
  role: string;
  manualReviewRequired?: boolean;
  reason?: string;
  events: HeldEvent[];
}

/**
 * A subject access request (UK GDPR Art 15) answers what is held about the person asking, not
 * about the people around them: a perpetrator named in a victim's MARAC referral must not receive
 * the victim's case. And it answers for the person, under every id they have been known by.
 * Synthetic people only.
 */
describe('subject access reports', () => {
  const { client, tokens } = apiForSuite({
    coordinator: COORDINATOR_ALL_PANELS,
    auditor: AUDITOR,
    maracAuditor: MARAC_AUDITOR,
    maracAlliance: { sub: 'marac-alliance-sar', roles: ['coordinator'], panels: ['MARAC', 'ALLIANCE'] },
    admin: { sub: 'ig-sar', agency: 'Partnership Information Governance', roles: ['admin'] },
  });
  /** A decision not to share cites the agreement naming its would-be recipient. */
  const policeProbationDsa = async () => {
    const signed = await client.post('/v1/sharing-agreements', tokens.admin, POLICE_PROBATION_DSA);
    expect(signed.status).toBe(201);
    return signed.body.dsaId as string;
  };
  type Report = {
    personIds: string[];
    person: { events: HeldEvent[] };
    cases: ReportCase[];
    reads: { action: string; personId?: string; caseIds: string[] }[];
    disclosures: unknown[];
    manualReview: { path: string; reason: string }[];
  };
  const reportOf = async (personId: string) =>
    (await client.get(`/v1/audit/subject-access/${personId}?redactMarac=false`, tokens.maracAuditor, null).expect(200))
      .body as Report;
  /** As an auditor gets it: redacted. */
  const redactedReportOf = async (personId: string) =>
    (await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor, null).expect(200)).body as Report;

  /** Two MARAC referrals of what the matcher takes for one woman: a day apart in birth, elsewhere living. */
  const twoRecordsOf = async (surname: string) => {
    const victim = (dateOfBirth: string, postcode: string) =>
      person({ forenames: 'Eluned', surname, dateOfBirth, postcode });
    const { coordinator } = tokens;
    const first = await referredToMarac(client, coordinator, victim('1988-02-14', 'N16 7UX'), '2024-02-05T10:00:00Z');
    const second = await referredToMarac(client, coordinator, victim('1988-02-15', 'E5 0LL'), '2024-09-09T10:00:00Z');
    return [first, second] as const;
  };

  describe('for a perpetrator named in a victim’s MARAC referral', () => {
    const perpetrator = {
      forenames: 'Dean',
      surname: 'Varrow',
      dateOfBirth: '1995-01-20',
      identifiers: { pnc: syntheticPnc(41) },
    };
    let victim: { caseId: string; personId: string; perpetratorPersonId: string };
    let iomCaseId: string;

    beforeAll(async () => {
      const { coordinator } = tokens;
      const referral = maracReferral(
        { person: person({ forenames: 'Ama', surname: 'Quennell', dateOfBirth: '1988-02-14' }) },
        {
          perpetrator,
          relationshipToVictim: 'ex-partner, now lives at 4 Elm Rd N15',
          children: [{ forenames: 'Kofi', surname: 'Quennell', dateOfBirth: '2016-03-03' }],
        },
      );
      const referred = await client.post('/v1/referrals', coordinator, referral);
      expect(referred.status).toBe(201);
      victim = referred.body;
      expect(victim.perpetratorPersonId).toEqual(expect.any(String));
      const meeting = await client.post('/v1/meetings', coordinator, {
        panel: 'MARAC',
        scheduledFor: '2024-05-09T10:00:00Z',
        chair: 'DI Synthetic Chair',
      });
      const meetingId = meeting.body.meetingId as string;
      const listed = await client.post(`/v1/meetings/${meetingId}/cases`, coordinator, {
        caseId: victim.caseId,
        agencyRequests: [{ agency: 'Probation', toBring: 'licence conditions' }],
      });
      expect({ status: listed.status, body: listed.body }).toMatchObject({ status: 201 });
      const discussed = await client.post(`/v1/cases/${victim.caseId}/discussions`, coordinator, {
        meetingId,
        occurredAt: '2024-05-09T10:30:00Z',
        attendance: [{ agency: 'Metropolitan Police', status: 'present' }],
        summary: 'Perpetrator on licence; victim now in refuge',
        decisions: ['Share licence conditions with the IDVA'],
      });
      expect({ status: discussed.status, body: discussed.body }).toMatchObject({ status: 200 });
      const action = await client.post(`/v1/cases/${victim.caseId}/actions`, coordinator, {
        description: 'Target-harden the refuge address',
        ownerAgency: 'Metropolitan Police',
        dueBy: '2024-05-20',
        meetingId,
        occurredAt: '2024-05-09T10:30:00Z',
      });
      expect({ status: action.status, body: action.body }).toMatchObject({ status: 201 });
      await client.get(`/v1/people/${victim.personId}`, coordinator, 'safety planning').expect(200);
      await client.get(`/v1/cases/${victim.caseId}`, coordinator, 'preparing the panel').expect(200);
      await client.get('/v1/panels/MARAC/cohort?q=Quennell', coordinator).expect(200);
      // The perpetrator's own IOM case (the same PNC: the same person) and a view of it.
      const iom = await client.post(
        '/v1/referrals',
        coordinator,
        iomReferral({}, { person: { ...perpetrator, sex: 'male', postcode: 'N15 4AA' } }),
      );
      expect({ status: iom.status, personId: iom.body.personId }).toEqual({
        status: 201,
        personId: victim.perpetratorPersonId,
      });
      iomCaseId = iom.body.caseId;
      await client.get(`/v1/cases/${iomCaseId}`, coordinator, 'licence check').expect(200);
      const withheld = await client.post('/v1/disclosures/withheld', coordinator, {
        toAgency: 'Probation',
        dsaId: await policeProbationDsa(),
        personId: victim.personId,
        panel: 'MARAC',
        fields: ['address'],
        purpose: 'Probation asked where the victim lives',
        reason: 'Victim in refuge; perpetrator supervised by the recipient',
      });
      expect({ status: withheld.status, body: withheld.body }).toMatchObject({ status: 201 });
    });

    it('gives only what the victim’s case records about them, flagged for manual review', async () => {
      const report = await reportOf(victim.perpetratorPersonId);
      const named = report.cases.find((c) => c.caseId === victim.caseId);
      expect(named).toEqual(
        expect.objectContaining({ role: 'named', manualReviewRequired: true, reason: expect.any(String) }),
      );
      if (named === undefined) return;
      expect(named.events.map((e) => e.type)).toEqual(['referral-made']);
      // Their id as held; the relationship in words may say where someone lives: a person decides.
      expect(named.events[0]?.about).toEqual([
        {
          path: '$.details.perpetrator',
          fields: { personId: victim.perpetratorPersonId, relationshipToVictim: WITHHELD },
        },
      ]);
      const at = `$.cases[${report.cases.indexOf(named)}]`;
      expect(report.manualReview).toEqual([
        { path: `${at}.events[0].about[0].fields.relationshipToVictim`, reason: THIRD_PARTY },
      ]);

      const text = JSON.stringify(report);
      for (const secret of [
        victim.personId,
        'Kofi',
        '2016-03-03',
        'refuge',
        'Target-harden',
        'dashScore',
        'Quennell',
        'Elm Rd',
      ])
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      expect(report.cases.find((c) => c.caseId === iomCaseId)).toEqual(
        expect.objectContaining({ role: 'subject', events: expect.any(Array) }),
      );
      // The view of their own case stays; the views of the victim and the search for her name do not.
      expect(report.reads).toEqual([
        expect.objectContaining({ action: 'case-viewed', caseId: iomCaseId, personId: victim.perpetratorPersonId }),
      ]);
      expect(report.disclosures).toEqual([]);
    });

    it('flags the system’s own reason for a named case in no redacted report, and withholds the relationship there too', async () => {
      const report = await redactedReportOf(victim.perpetratorPersonId);
      // Her case's id is MARAC content, redacted: it is the one case that only names him.
      const at = report.cases.findIndex((c) => c.role === 'named');
      expect(at).toBeGreaterThanOrEqual(0);
      expect(report.manualReview.map((n) => n.path)).not.toContain(`$.cases[${at}].reason`);
      expect(report.manualReview).toContainEqual({
        path: `$.cases[${at}].events[0].about[0].fields.relationshipToVictim`,
        reason: THIRD_PARTY,
      });
      expect(JSON.stringify(report)).not.toContain('Elm Rd');
    });

    it.each([
      ['redacted', false],
      ['unredacted', true],
    ])(
      'keeps her children and the perpetrator out of the victim’s %s report, listed for a person to decide',
      async (_, full) => {
        const report = full ? await reportOf(victim.personId) : await redactedReportOf(victim.personId);
        const text = JSON.stringify(report.cases);
        for (const secret of [victim.perpetratorPersonId, 'Kofi', '2016-03-03', 'Elm Rd'])
          expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
        const referral = report.cases[0]?.events.find((e) => e.type === 'referral-made');
        expect(referral?.data?.['details']).toEqual(
          expect.objectContaining({ perpetrator: WITHHELD, children: WITHHELD }),
        );
        expect(report.manualReview).toEqual(
          expect.arrayContaining(
            ['perpetrator', 'children'].map((part) => ({
              path: `$.cases[0].events[0].data.details.${part}`,
              reason: THIRD_PARTY,
            })),
          ),
        );
      },
    );

    it('gives the victim the full history of her own case, with the views and the decision not to share', async () => {
      const report = await reportOf(victim.personId);
      expect(report.cases).toEqual([expect.objectContaining({ caseId: victim.caseId, role: 'subject' })]);
      const types = (report.cases[0] as ReportCase).events.map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['referral-made', 'panel-discussed', 'action-agreed']));
      expect(JSON.stringify(report.cases)).toContain('victim now in refuge');
      expect(report.reads.map((r) => r.action)).toEqual(expect.arrayContaining(['person-viewed', 'case-viewed']));
      expect(report.disclosures).toEqual([
        expect.objectContaining({ action: 'information-withheld', personId: victim.personId }),
      ]);
    });

    it('names the case’s subject as the person of a view of the case', async () => {
      const trail = await client
        .get(`/v1/audit/trail?caseId=${victim.caseId}&action=case-viewed`, tokens.auditor, null)
        .expect(200);
      expect(trail.body.items).toEqual([expect.objectContaining({ personId: victim.personId })]);
    });
  });

  describe('for a person whose two records a reviewer confirmed as one', () => {
    let first: { caseId: string; personId: string };
    let second: { caseId: string; personId: string };

    beforeAll(async () => {
      [first, second] = await twoRecordsOf('Penhallow');
      expect(second.personId).not.toBe(first.personId);
      await confirmedAsOnePerson(client, tokens.coordinator, first.personId, second.personId);
    });

    it('covers both records: both registrations, both cases and the match review', async () => {
      const report = await reportOf(first.personId);
      expect(report.personIds).toEqual(expect.arrayContaining([first.personId, second.personId]));
      expect(report.person.events.map((e) => [e.type, e.stream])).toEqual(
        expect.arrayContaining([
          ['person-registered', `person-${first.personId}`],
          ['person-registered', `person-${second.personId}`],
          ['match-proposed', expect.stringMatching(/^personmatch-/)],
          ['match-confirmed', expect.stringMatching(/^personmatch-/)],
        ]),
      );
      expect(report.cases.map((c) => [c.caseId, c.role]).sort()).toEqual(
        [
          [first.caseId, 'subject'],
          [second.caseId, 'subject'],
        ].sort(),
      );
    });

    it('answers the trail by the survivor with the merged record’s history too', async () => {
      const trail = await client
        .get(`/v1/audit/trail?personId=${first.personId}&limit=1000`, tokens.auditor, null)
        .expect(200);
      const items = trail.body.items as { action: string; caseId?: string; stream: string }[];
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'referral-made', caseId: second.caseId }),
          expect.objectContaining({ action: 'person-registered', stream: `person-${second.personId}` }),
          expect.objectContaining({ action: 'match-confirmed' }),
        ]),
      );
    });
  });

  describe('for a person a reviewer decided was not the same as someone else', () => {
    let first: { personId: string };
    let other: { personId: string };

    beforeAll(async () => {
      [first, other] = await twoRecordsOf('Penrose');
      const review = await queuedReviewOf(client, tokens.coordinator, first.personId, other.personId);
      const rejected = await client.post(`/v1/people/match-reviews/${review.id}/reject`, tokens.coordinator, {
        reason: 'Different women: the second is her cousin, in refuge at E5 since fleeing her partner',
      });
      expect(rejected.status).toBe(200);
    });

    it('gives the match review’s type and dates, not the other person’s id, the match levels or the reviewer’s reason', async () => {
      const report = await reportOf(first.personId);
      const text = JSON.stringify(report);
      for (const secret of [other.personId, 'refuge at E5', '"residence"'])
        expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
      const i = report.person.events.findIndex((e) => e.type === 'match-rejected');
      expect(report.person.events[i]).toEqual(
        expect.objectContaining({
          stream: WITHHELD,
          data: expect.objectContaining({
            personIds: expect.arrayContaining([first.personId, WITHHELD]),
            reason: WITHHELD,
          }),
        }),
      );
      expect(report.person.events.find((e) => e.type === 'match-proposed')?.data).toEqual(
        expect.objectContaining({ levels: WITHHELD, score: WITHHELD }),
      );
      expect(report.manualReview).toContainEqual({ path: `$.person.events[${i}].data.reason`, reason: THIRD_PARTY });
    });
  });

  describe('for a person one of whose cases a split moved to someone else', () => {
    const recorded = () =>
      iomReferral(
        {},
        { person: hollingsworth({ surname: 'Trewartha', dateOfBirth: '1983-06-11', postcode: 'N4 1DE' }) },
      );
    let first: { caseId: string; personId: string };
    let moved: { caseId: string; personId: string };

    beforeAll(async () => {
      const { coordinator } = tokens;
      const refer = async () => {
        const response = await client.post('/v1/referrals', coordinator, recorded());
        expect(response.status).toBe(201);
        return response.body as { caseId: string; personId: string };
      };
      first = await refer();
      await rejectedByIom(client, coordinator, first.caseId);
      const again = await refer();
      expect(again.personId).toBe(first.personId);
      const person = await client.get(`/v1/people/${first.personId}`, coordinator).expect(200);
      const record = (person.body.records as { recordId: string; caseId?: string }[]).find(
        (r) => r.caseId === again.caseId,
      );
      const split = await client.post(`/v1/people/${first.personId}/split`, coordinator, {
        reason: 'Second referral was his brother',
        recordIds: [record?.recordId],
        caseIds: [again.caseId],
      });
      expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
      moved = { caseId: again.caseId, personId: split.body.intoPersonId as string };
      await client.get(`/v1/cases/${moved.caseId}`, coordinator, 'licence check after the split').expect(200);
      const withheld = await client.post('/v1/disclosures/withheld', coordinator, {
        toAgency: 'Probation',
        dsaId: await policeProbationDsa(),
        caseId: moved.caseId,
        fields: ['address'],
        purpose: 'Probation asked where he lives',
        reason: 'Not needed for supervision',
      });
      expect({ status: withheld.status, body: withheld.body }).toMatchObject({ status: 201 });
    });

    it('counts views and disclosures of the moved case for the person who holds it now', async () => {
      const ofMovedCase = (items: { caseIds: string[] }[]) => items.filter((i) => i.caseIds.includes(moved.caseId));
      const theirs = await reportOf(moved.personId);
      expect(ofMovedCase(theirs.reads)).toContainEqual(expect.objectContaining({ action: 'case-viewed' }));
      expect(ofMovedCase(theirs.disclosures as { caseIds: string[] }[])).toEqual([
        expect.objectContaining({ action: 'information-withheld' }),
      ]);
      const named = await reportOf(first.personId);
      expect(ofMovedCase(named.reads)).toEqual([]);
      expect(ofMovedCase(named.disclosures as { caseIds: string[] }[])).toEqual([]);
    });

    // The set-up's view of his person record listed both his cases then, in id order: either may come first.
    it('gives the view of his person record to him, naming only the case he holds now', async () => {
      const named = await reportOf(first.personId);
      expect(named.reads.filter((r) => r.action === 'person-viewed')).toEqual([
        expect.objectContaining({ personId: first.personId, caseIds: [first.caseId] }),
      ]);
      expect(JSON.stringify(named.reads)).not.toContain(moved.caseId);
      const theirs = await reportOf(moved.personId);
      expect(JSON.stringify(theirs.reads)).not.toContain(first.personId);
    });

    it('gives the case to the person it moved to, and no longer to the person its referral named', async () => {
      const casesOf = async (personId: string) => (await reportOf(personId)).cases.map((c) => [c.caseId, c.role]);
      expect(await casesOf(first.personId)).toEqual([[first.caseId, 'subject']]);
      expect(await casesOf(moved.personId)).toEqual([[moved.caseId, 'subject']]);
    });
  });

  describe('for a perpetrator whose record a MARAC referral linked to someone else, then split off', () => {
    const child = { forenames: 'Jory', surname: 'Penberthy', dateOfBirth: '2006-09-14', sex: 'male' };
    let alliance: { caseId: string; personId: string };
    let marac: ReferralMade;
    let splitOff: string;
    let beforeSplit: Report;

    beforeAll(async () => {
      const { coordinator } = tokens;
      const refer = (body: unknown) => client.refer(coordinator, body);
      alliance = await refer(allianceReferral({ person: person({ ...child, postcode: 'N15 4QZ' }) }));
      // The referral gives the victim's household as his address: the record it brings in is MARAC's.
      marac = await refer(
        maracReferral(
          { person: person({ forenames: 'Tamsin', surname: 'Penberthy', dateOfBirth: '1979-04-02' }) },
          { perpetrator: { ...child, address: '9 Synthetic Mews, London', postcode: 'N15 4QZ' } },
        ),
      );
      expect(marac.perpetratorPersonId).toBe(alliance.personId);
      beforeSplit = await reportOf(alliance.personId);
      const view = await client.get(`/v1/people/${alliance.personId}`, tokens.maracAlliance, 'split review');
      const record = (view.body.records as { recordId: string; panel: string | null }[]).find(
        (r) => r.panel === 'MARAC',
      );
      const split = await client.post(`/v1/people/${alliance.personId}/split`, tokens.maracAlliance, {
        reason: 'The man MARAC names is not this child',
        recordIds: [record?.recordId],
      });
      expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
      splitOff = split.body.intoPersonId as string;
    });

    it('withholds the address, postcode, match levels and score that record brought in, for review', async () => {
      // After the split the record, and what its link recorded, is the split-off person's.
      for (const report of [beforeSplit, await reportOf(splitOff)]) {
        const i = report.person.events.findIndex((e) => e.type === 'person-record-linked');
        expect(report.person.events[i]?.data).toEqual(
          expect.objectContaining({
            details: expect.objectContaining({ address: WITHHELD, postcode: WITHHELD, forenames: 'Jory' }),
            levels: WITHHELD,
            score: WITHHELD,
          }),
        );
        expect(JSON.stringify(report)).not.toContain('9 Synthetic Mews');
        for (const path of ['details.address', 'details.postcode', 'levels', 'score'])
          expect(report.manualReview).toContainEqual({
            path: `$.person.events[${i}].data.${path}`,
            reason: THIRD_PARTY,
          });
      }
      const childReport = await reportOf(alliance.personId);
      expect(childReport.person.events.map((e) => e.type)).not.toContain('person-record-linked');
    });

    it('gives the named extract of the victim’s case to the person the naming moved to, no longer to the child', async () => {
      expect(beforeSplit.cases.map((c) => [c.caseId, c.role])).toContainEqual([marac.caseId, 'named']);
      const childCases = (await reportOf(alliance.personId)).cases.map((c) => c.caseId);
      expect(childCases).toEqual([alliance.caseId]);
      const theirs = await reportOf(splitOff);
      const named = theirs.cases.find((c) => c.caseId === marac.caseId);
      expect(named).toMatchObject({ role: 'named', manualReviewRequired: true });
      expect(named?.events.map((e) => e.type)).toContain('referral-made');
      expect(JSON.stringify(named)).not.toContain('Tamsin');
    });
  });

  describe('for a MARAC referral made before the perpetrator is known', () => {
    let referred: { caseId: string; personId: string };

    beforeAll(async () => {
      const victim = person({ forenames: 'Morwenna', surname: 'Pascoe', dateOfBirth: '1991-08-30' });
      referred = await referredToMarac(client, tokens.coordinator, victim, '2024-03-04T10:00:00Z');
    });

    it('records no placeholder person: the trail under `not-known` is empty and there is no one to report on', async () => {
      const named = await client
        .get(`/v1/audit/trail?caseId=${referred.caseId}&action=referral-made`, tokens.auditor, null)
        .expect(200);
      expect(named.body.items).toEqual([expect.objectContaining({ personIds: [referred.personId] })]);
      // Person ids are UUIDs, so the placeholder is no one's id: asking for it is refused, not answered.
      await client.get('/v1/audit/trail?personId=not-known', tokens.auditor, null).expect(400);
      await client.get('/v1/audit/subject-access/not-known', tokens.maracAuditor, null).expect(400);
    });
  });
});
