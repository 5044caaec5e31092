import { iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

/**
 * What a MARAC coordinator's review found missing or let through: the referral's remaining
 * fields, a person's new details without a new referral, and case work that must respect the
 * action plan, the meeting's day and the referral's own dates. Synthetic people only.
 */
describe('MARAC referral and case-work rules from the coordinator review', () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'review-marac-c', roles: ['coordinator'], panels: ['MARAC'] },
    iomOnly: IOM_ONLY_COORDINATOR,
  });
  const DAY = 86_400_000;
  /** How the API answers a detail that names no field. */
  const NO_FIELD = '';
  const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
  const victim = (forenames: string, surname: string) =>
    person({ forenames, surname, dateOfBirth: '1991-02-03', address: '1 Synthetic Row', postcode: 'E8 1AA' });

  const refer = (body: unknown) => client.refer(tokens.all, body);
  const post = (path: string, body: unknown) => client.post(path, tokens.all, body);
  const refusal = async (path: string, body: unknown) => {
    const { status, body: answer } = await post(path, body);
    return { status, rule: answer.rule, fields: (answer.errors ?? []).map((e: { field?: string }) => e.field) };
  };
  const openMaracCase = async (forenames: string, surname: string) => {
    const made = await refer(maracReferral({ person: victim(forenames, surname) }, { perpetrator: undefined }));
    expect((await post(`/v1/cases/${made.caseId}/accept`, {})).status).toBe(200);
    return made;
  };
  /** A meeting that sits ten days from now, with the case on its agenda. */
  const listedOnMeetingInTenDays = async (caseId: string) => {
    const meeting = await post('/v1/meetings', {
      panel: 'MARAC',
      scheduledFor: isoIn(10 * DAY),
      chair: 'DI Synthetic',
    });
    const meetingId = meeting.body.meetingId as string;
    expect((await post(`/v1/meetings/${meetingId}/cases`, { caseId, agencyRequests: [] })).status).toBe(201);
    return meetingId;
  };
  const agreedAt = (meetingId: string) => ({
    description: 'Synthetic action',
    ownerAgency: 'Police',
    dueBy: '2099-01-01',
    meetingId,
  });
  const agree = (caseId: string, body: object = {}) =>
    post(`/v1/cases/${caseId}/actions`, {
      description: 'Synthetic action',
      ownerAgency: 'Police',
      dueBy: '2099-01-01',
      ...body,
    });

  describe('the referral form', () => {
    it('holds the safe contact number, disability, language, crime reference, previous and other-area MARAC', async () => {
      const made = await refer(
        maracReferral(
          {
            person: {
              ...victim('Ivy', 'Quernmoor'),
              safeContactNumber: '07700 900111',
              disability: 'Deaf',
              language: 'BSL',
            },
          },
          {
            crimeReference: '01/900001/24',
            previousMaracDate: '2023-09-14',
            otherAreaMarac: 'Heard at a neighbouring MARAC',
          },
        ),
      );
      const events = (await client.get(`/v1/cases/${made.caseId}/events`, tokens.all).expect(200)).body.items;
      expect(events[0]).toMatchObject({
        type: 'referral-made',
        data: {
          details: {
            safeContactNumber: '07700 900111',
            crimeReference: '01/900001/24',
            previousMaracDateReported: '2023-09-14',
            otherAreaMaracInvolvement: 'Heard at a neighbouring MARAC',
          },
        },
      });
    });

    it('names the field and rule of a malformed safe contact number or previous MARAC date', async () => {
      const form = (p: Record<string, unknown>, m: Record<string, unknown>) =>
        maracReferral({ person: { ...victim('Ivy', 'Quernmoor'), ...p } }, m);
      expect(await refusal('/v1/referrals', form({ safeContactNumber: 'ring her mum' }, {}))).toMatchObject({
        status: 400,
        fields: ['person.safeContactNumber'],
      });
      expect(await refusal('/v1/referrals', form({}, { previousMaracDate: 'last spring' }))).toMatchObject({
        status: 400,
        fields: ['marac.previousMaracDate'],
      });
      expect(await refusal('/v1/referrals', form({}, { previousMaracDate: '2024-05-03' }))).toMatchObject({
        status: 400,
        rule: 'marac-previous-before-referral',
      });
    });

    it('keeps the safe contact number off other panels’ referrals', async () => {
      const body = iomReferral(
        {},
        { person: person({ forenames: 'Otto', surname: 'Quernmoor', safeContactNumber: '07700 900112' }) },
      );
      expect(await refusal('/v1/referrals', body)).toEqual({
        status: 400,
        rule: 'marac-only-field',
        fields: ['person.safeContactNumber'],
      });
    });

    it('names marac.criteria and each tick the facts do not support', async () => {
      const answer = await post(
        '/v1/referrals',
        maracReferral({}, { dashScore: 5, policeCallouts12m: 0, criteria: ['visible-high-risk', 'repeat'] }),
      );
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'marac.criteria' })]);
      expect(answer.body.message).toMatch(/visible-high-risk \(DASH score 5 is below 14\).*repeat \(/);
    });

    it('refuses the victim named as her own perpetrator, an incident after the referral and a referral from the future', async () => {
      const self = victim('Nell', 'Quernmoor');
      expect(await refusal('/v1/referrals', maracReferral({ person: self }, { perpetrator: self }))).toMatchObject({
        status: 422,
        rule: 'marac-perpetrator-not-victim',
        fields: ['marac.perpetrator'],
      });
      expect(await refusal('/v1/referrals', maracReferral({}, { incidentAt: '2024-05-02T10:00:00Z' }))).toMatchObject({
        status: 400,
        rule: 'marac-incident-before-referral',
        fields: ['marac.incidentAt'],
      });
      expect(
        await refusal('/v1/referrals', maracReferral({ referredAt: isoIn(30 * DAY) }, { incidentAt: isoIn(-DAY) })),
      ).toMatchObject({ status: 400, rule: 'marac-referral-not-in-future', fields: ['referredAt'] });
    });
  });

  describe('case work', () => {
    it('refuses "action plan completed" while actions are open, naming them', async () => {
      const { caseId } = await openMaracCase('Maud', 'Quernmoor');
      const first = (await agree(caseId)).body.actionId as string;
      const second = (await agree(caseId)).body.actionId as string;
      const closing = await post(`/v1/cases/${caseId}/close`, { exitStatus: 'action-plan-completed' });
      expect({ status: closing.status, rule: closing.body.rule }).toEqual({ status: 409, rule: 'action-plan-done' });
      expect(closing.body.message).toContain(`${first}, ${second}`);
      for (const actionId of [first, second]) await post(`/v1/cases/${caseId}/actions/${actionId}/complete`, {});
      expect((await post(`/v1/cases/${caseId}/close`, { exitStatus: 'action-plan-completed' })).status).toBe(200);
    });

    it('refuses an action due before it was agreed, or agreed at a meeting that never heard the case', async () => {
      const { caseId } = await openMaracCase('Rose', 'Quernmoor');
      expect(
        await refusal(`/v1/cases/${caseId}/actions`, { description: 'x', ownerAgency: 'Police', dueBy: '2024-01-01' }),
      ).toMatchObject({ status: 400, rule: 'action-due-from-agreed-day', fields: ['dueBy'] });
      const elsewhere = {
        description: 'x',
        ownerAgency: 'Police',
        dueBy: '2099-01-01',
        meetingId: '00000000-0000-4000-8000-000000000000',
      };
      expect(await refusal(`/v1/cases/${caseId}/actions`, elsewhere)).toMatchObject({
        status: 422,
        rule: 'action-meeting-listed',
        fields: ['meetingId'],
      });
    });

    it('dates a discussion on or after its meeting’s day and not in the future, naming occurredAt only when sent', async () => {
      const { caseId } = await openMaracCase('Edna', 'Quernmoor');
      const meetingId = await listedOnMeetingInTenDays(caseId);
      const discussion = { meetingId, attendance: [], summary: 'Synthetic', decisions: [] };
      expect(await refusal(`/v1/cases/${caseId}/discussions`, discussion)).toEqual({
        status: 409,
        rule: 'meeting-held-from-scheduled-day',
        fields: [NO_FIELD],
      });
      expect(await refusal(`/v1/cases/${caseId}/discussions`, { ...discussion, occurredAt: isoIn(-DAY) })).toEqual({
        status: 409,
        rule: 'meeting-held-from-scheduled-day',
        fields: ['occurredAt'],
      });
      expect(await refusal(`/v1/cases/${caseId}/discussions`, { ...discussion, occurredAt: isoIn(11 * DAY) })).toEqual({
        status: 400,
        rule: 'meeting-held-not-in-future',
        fields: ['occurredAt'],
      });
      // The meeting's own route no longer names a field the client did not send either.
      expect(await refusal(`/v1/meetings/${meetingId}/held`, { attendance: [] })).toEqual({
        status: 409,
        rule: 'meeting-held-from-scheduled-day',
        fields: [NO_FIELD],
      });
    });

    it('dates an action agreed at a meeting on or after the meeting’s day and not in the future', async () => {
      const { caseId } = await openMaracCase('Agnes', 'Quernmoor');
      const meetingId = await listedOnMeetingInTenDays(caseId);
      expect(await refusal(`/v1/cases/${caseId}/actions`, agreedAt(meetingId))).toEqual({
        status: 409,
        rule: 'meeting-held-from-scheduled-day',
        fields: [NO_FIELD],
      });
      expect(
        await refusal(`/v1/cases/${caseId}/actions`, { ...agreedAt(meetingId), occurredAt: isoIn(11 * DAY) }),
      ).toEqual({
        status: 400,
        rule: 'meeting-held-not-in-future',
        fields: ['occurredAt'],
      });
      // Without a meeting an action is agreed whenever the client says, as before.
      expect((await agree(caseId, { occurredAt: isoIn(-DAY) })).status).toBe(201);
    });

    it('shows IDVA support on the tracker from the intervention’s kind, and from the name spelled out', async () => {
      const structured = await openMaracCase('Wynne', 'Quernmoor');
      const spelled = await openMaracCase('Olwen', 'Quernmoor');
      const arrange = (caseId: string, body: object) =>
        post(`/v1/cases/${caseId}/interventions`, { provider: 'Synthetic advocacy service', ...body });
      expect((await arrange(structured.caseId, { type: 'Advocacy', kind: 'idva' })).status).toBe(201);
      expect((await arrange(spelled.caseId, { type: 'Independent Domestic Violence Advocate' })).status).toBe(201);
      expect(
        await refusal(`/v1/cases/${spelled.caseId}/interventions`, { type: 'x', provider: 'y', kind: 'isva' }),
      ).toMatchObject({ status: 400, fields: ['kind'] });
      const items = (await client.get('/v1/panels/MARAC/cohort?q=Quernmoor&limit=100', tokens.all).expect(200)).body
        .items as { caseId: string; marac: { idva: string | null } }[];
      const idvaOf = (caseId: string) => items.find((i) => i.caseId === caseId)?.marac.idva;
      expect([idvaOf(structured.caseId), idvaOf(spelled.caseId)]).toEqual(['arranged', 'arranged']);
    });
  });

  describe("a person's new details without a new referral", () => {
    it('records a MARAC victim’s new address and safe contact number on her record, shown to MARAC members', async () => {
      const { caseId, personId } = await openMaracCase('Hattie', 'Quernmoor');
      const moved = await post(`/v1/cases/${caseId}/person-details`, {
        address: '9 Synthetic Close',
        postcode: 'E9 9ZZ',
        safeContactNumber: '07700 900113',
      });
      expect({ status: moved.status, events: moved.body.events }).toEqual({
        status: 200,
        events: ['person-details-recorded'],
      });
      const seen = (await client.get(`/v1/people/${personId}`, tokens.maracOnly).expect(200)).body;
      expect(seen.golden).toMatchObject({ address: '9 Synthetic Close', postcode: 'E9 9ZZ' });
      // No second case: the repeat-rate report is not asked to count a change of address.
      const cases = (await client.get('/v1/panels/MARAC/cohort?q=Hattie&limit=100', tokens.all).expect(200)).body.items;
      expect(cases).toHaveLength(1);
    });

    it('shows the latest safe contact number to MARAC members only, and her new address only to them', async () => {
      const { caseId, personId } = await openMaracCase('Ottilie', 'Brackwater');
      const iom = await refer(
        iomReferral({}, { person: person({ forenames: 'Ottilie', surname: 'Brackwater', dateOfBirth: '1991-02-03' }) }),
      );
      expect(iom.personId).toBe(personId);
      const recorded = await post(`/v1/cases/${caseId}/person-details`, {
        address: '4 Synthetic Mews',
        postcode: 'E5 5ZZ',
        safeContactNumber: '07700 900121',
      });
      expect(recorded.status).toBe(200);
      const marac = (await client.get(`/v1/people/${personId}`, tokens.maracOnly).expect(200)).body;
      expect(marac.golden).toMatchObject({
        address: '4 Synthetic Mews',
        postcode: 'E5 5ZZ',
        safeContactNumber: '07700 900121',
      });
      const other = (await client.get(`/v1/people/${personId}`, tokens.iomOnly).expect(200)).body;
      expect(JSON.stringify(other)).not.toMatch(/07700 900121|4 Synthetic Mews|E5 5ZZ/);
    });

    it('shows the details recorded through her later case over those of her earlier referral', async () => {
      const first = await openMaracCase('Perpetua', 'Quillane');
      const again = await refer(
        maracReferral(
          { person: { ...victim('Perpetua', 'Quillane'), safeContactNumber: '07700 900131' } },
          { perpetrator: undefined },
        ),
      );
      expect(again.personId).toBe(first.personId);
      const recorded = await post(`/v1/cases/${again.caseId}/person-details`, {
        address: '6 Synthetic Wynd',
        safeContactNumber: '07700 900132',
      });
      expect(recorded.status).toBe(200);
      const seen = (await client.get(`/v1/people/${first.personId}`, tokens.maracOnly).expect(200)).body;
      expect(seen.golden).toMatchObject({ address: '6 Synthetic Wynd', safeContactNumber: '07700 900132' });
    });

    it('refuses a safe contact number off MARAC and an empty change; a move on a person IOM registered stays off IOM', async () => {
      const iom = await refer(
        iomReferral({}, { person: person({ forenames: 'Tamsin', surname: 'Quernmoor', dateOfBirth: '1980-01-01' }) }),
      );
      expect(
        await refusal(`/v1/cases/${iom.caseId}/person-details`, { safeContactNumber: '07700 900114' }),
      ).toMatchObject({
        status: 400,
        rule: 'marac-only-field',
        fields: ['safeContactNumber'],
      });
      expect((await refusal(`/v1/cases/${iom.caseId}/person-details`, {})).status).toBe(400);
      const marac = await refer(
        maracReferral(
          { person: person({ forenames: 'Tamsin', surname: 'Quernmoor', dateOfBirth: '1980-01-01' }) },
          { perpetrator: undefined },
        ),
      );
      expect(marac.personId).toBe(iom.personId);
      const moved = await post(`/v1/cases/${marac.caseId}/person-details`, { address: '3 Hidden Yard' });
      expect(moved.status).toBe(200);
      const iomView = await client.get(`/v1/people/${iom.personId}`, tokens.iomOnly).expect(200);
      expect(JSON.stringify(iomView.body)).not.toContain('3 Hidden Yard');
      const maracView = await client.get(`/v1/people/${iom.personId}`, tokens.maracOnly).expect(200);
      expect(maracView.body.golden).toMatchObject({ address: '3 Hidden Yard' });
    });
  });
});
