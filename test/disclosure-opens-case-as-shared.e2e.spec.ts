/**
 * A case disclosure opens the case as it stood when it was shared, never what the panel recorded
 * since. A council given a MARAC case in March must not read in June the rating, status, decision
 * and actions the panel recorded in May: nobody shared them, and an auditor must be able to rule
 * out that the council learnt them. A later share gives out the fields it names at their values
 * then, and only those. Synthetic people, agencies and staff only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { appendCaseShareWithoutPanel } from '../libs/information-sharing/src/testing/legacy-entry';
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { maracReferral, person } from './support/referrals';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('case-as-shared', 'Robin Both');
const HACKNEY = councilPractitioner('hackney-case-as-shared', 'Hackney Council');

/** Thirty days ahead: an action is due on or after the day it is agreed. */
const DUE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe('a case disclosure opens the case as it stood when shared', () => {
  const { api, client, tokens, dsaId } = apiWithAgreement(
    { admin: ADMIN, both: BOTH, hackney: HACKNEY, auditor: AUDITOR },
    ['Metropolitan Police', 'Hackney Council'],
  );

  /** Recorded on the case by its MARAC coordinator (200 or 201 expected); answers the body. */
  const recorded = async (caseId: string, step: string, body: Record<string, unknown>) => {
    const answer = await client.post(`/v1/cases/${caseId}/${step}`, tokens.both, body);
    if (answer.status !== 200 && answer.status !== 201)
      throw new Error(`${step}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Record<string, unknown>;
  };
  const agreed = async (caseId: string, description: string) =>
    (await recorded(caseId, 'actions', { description, ownerAgency: 'Hackney Council', dueBy: DUE })).actionId as string;
  const share = (caseId: string, fields: string[]) =>
    disclosed(client, tokens.both, { toAgency: 'Hackney Council', caseId, fields, dsaId: dsaId() });
  const madeOn = async (disclosureId: string) =>
    ((await client.get(`/v1/disclosures/${disclosureId}`, tokens.auditor).expect(200)).body as { occurredAt: string })
      .occurredAt;
  const councilSees = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.hackney).expect(200)).body as Record<string, unknown>;

  /** A MARAC case rated amber, awaiting its meeting, with one action agreed: as it is when shared. */
  const caseBeforeTheShare = async (forenames: string) => {
    const victim = await client.refer(
      tokens.both,
      maracReferral(
        { person: person({ forenames, surname: 'Synthetic', dateOfBirth: '1989-01-23' }) },
        { perpetrator: undefined },
      ),
    );
    await recorded(victim.caseId, 'risk-rating', { rating: 'amber' });
    await recorded(victim.caseId, 'status', { status: 'awaiting-meeting' });
    const actionId = await agreed(victim.caseId, 'Safety planning call');
    return { ...victim, actionId };
  };

  /** What the panel records after the share: its decision, a new rating and status, new and finished work. */
  const panelRecordsSince = async (caseId: string, actionId: string) => {
    await recorded(caseId, 'accept', { note: 'Accepted at the panel' });
    await recorded(caseId, 'risk-rating', { rating: 'red' });
    await recorded(caseId, 'status', { status: 'idva-support' });
    await recorded(caseId, `actions/${actionId}/complete`, {});
    await agreed(caseId, 'Target hardening at the new address');
  };

  const FIELDS = ['status', 'currentStatus', 'riskRating', 'actions'];

  it('shows the status, rating and actions it gave out once the panel decides and records more', async () => {
    const victim = await caseBeforeTheShare('Ysolde');
    const first = await share(victim.caseId, FIELDS);
    const atShare = await councilSees(victim.caseId);

    await panelRecordsSince(victim.caseId, victim.actionId);
    const own = await client.get(`/v1/cases/${victim.caseId}`, tokens.both).expect(200);
    expect(own.body).toMatchObject({ status: 'accepted', riskRating: 'red', currentStatus: 'idva-support' });

    const seen = await councilSees(victim.caseId);
    expect(seen).toEqual(atShare);
    const on = await madeOn(first);
    expect(seen).toEqual({
      caseId: victim.caseId,
      status: 'referred',
      currentStatus: 'awaiting-meeting',
      riskRating: 'amber',
      actions: {
        [victim.actionId]: expect.objectContaining({ description: 'Safety planning call', completedAt: null }),
      },
      asDisclosedOn: { status: on, currentStatus: on, riskRating: on, actions: on },
      access: { via: 'disclosure', disclosureIds: [first] },
    });
    expect(JSON.stringify(seen)).not.toMatch(/Target hardening|idva-support|"red"|accepted/);
  });

  it('shows a field a later share gave out at its value then, and the others as the first share gave them', async () => {
    const victim = await caseBeforeTheShare('Wenna');
    const first = await share(victim.caseId, FIELDS);
    await panelRecordsSince(victim.caseId, victim.actionId);

    const again = await share(victim.caseId, ['riskRating']);
    await recorded(victim.caseId, 'risk-rating', { rating: 'green' });
    const seen = await councilSees(victim.caseId);
    const [firstOn, againOn] = [await madeOn(first), await madeOn(again)];
    expect(seen).toMatchObject({
      status: 'referred',
      currentStatus: 'awaiting-meeting',
      riskRating: 'red',
      asDisclosedOn: { status: firstOn, currentStatus: firstOn, riskRating: againOn, actions: firstOn },
    });
    expect(Object.keys(seen.actions as object)).toEqual([victim.actionId]);
  });

  it('shows what a case share recorded by an older version gave out as the case stood then', async () => {
    const victim = await caseBeforeTheShare('Lowenna');
    const actor = { id: BOTH.sub, name: BOTH.name ?? BOTH.sub, agency: 'Metropolitan Police', roles: BOTH.roles };
    const { disclosureId, position } = await appendCaseShareWithoutPanel(
      api.app.get<symbol, EventStore>(EVENT_STORE),
      actor,
      { caseId: victim.caseId, personId: victim.personId, toAgency: 'Hackney Council', dsaId: dsaId(), fields: FIELDS },
    );
    await client.get(`/v1/cases/${victim.caseId}`, tokens.hackney).set('X-Min-Position', String(position)).expect(200);

    await panelRecordsSince(victim.caseId, victim.actionId);
    const seen = await councilSees(victim.caseId);
    expect(seen).toMatchObject({
      status: 'referred',
      currentStatus: 'awaiting-meeting',
      riskRating: 'amber',
      access: { via: 'disclosure', disclosureIds: [disclosureId] },
    });
    expect(Object.keys(seen.actions as object)).toEqual([victim.actionId]);
  });
});
