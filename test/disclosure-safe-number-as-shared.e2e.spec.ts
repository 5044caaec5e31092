/**
 * A MARAC victim's safe contact number changes: her coordinator records a new one through her
 * case when the old one is compromised (the perpetrator has the phone). A council given "safe
 * contact number" must be shown the number in force when the share was made: calling the number
 * the panel retired can put her in danger. And a number recorded after the share was never given
 * to the council. Synthetic people, numbers (Ofcom's drama range), agencies and staff only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { appendCaseShareWithoutPanel } from '../libs/information-sharing/src/testing/legacy-entry';
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { confirmedAsOnePerson } from './support/match-reviews';
import { maracReferral, person } from './support/referrals';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('safe-number-shared', 'Morwenna Both');
const HACKNEY = councilPractitioner('hackney-safe-number-shared', 'Hackney Council');

const REFERRED = '020 7946 0101';
const NEW = '020 7946 0102';
const LATER = '020 7946 0103';

describe("a disclosed MARAC case's safe contact number as it stood when shared", () => {
  const { api, client, tokens, dsaId } = apiWithAgreement(
    { admin: ADMIN, both: BOTH, hackney: HACKNEY, auditor: AUDITOR },
    ['Metropolitan Police', 'Hackney Council'],
  );

  const referred = (forenames: string, safeContactNumber?: string, who: Record<string, unknown> = {}) =>
    client.refer(
      tokens.both,
      maracReferral(
        {
          person: person({
            forenames,
            surname: 'Quillfeather',
            dateOfBirth: '1987-06-19',
            ...(safeContactNumber === undefined ? {} : { safeContactNumber }),
            ...who,
          }),
        },
        { perpetrator: undefined },
      ),
    );
  /** Her coordinator records a new safe number through the case, as `POST /v1/cases/{id}/person-details` takes it. */
  const numberChanged = async (caseId: string, safeContactNumber: string) => {
    const answer = await client.post(`/v1/cases/${caseId}/person-details`, tokens.both, { safeContactNumber });
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 200 });
  };
  const share = (caseId: string) =>
    disclosed(client, tokens.both, {
      toAgency: 'Hackney Council',
      caseId,
      fields: ['safeContactNumber', 'status'],
      dsaId: dsaId(),
    });
  const councilSees = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.hackney).expect(200)).body as Record<string, unknown>;
  const panelSees = async (personId: string) =>
    ((await client.get(`/v1/people/${personId}`, tokens.both).expect(200)).body as { golden: Record<string, unknown> })
      .golden.safeContactNumber;

  it('shows the number recorded through her case before the share, not the referral’s', async () => {
    const victim = await referred('Tamsin', REFERRED);
    await numberChanged(victim.caseId, NEW);
    expect(await panelSees(victim.personId)).toBe(NEW);

    const shared = await share(victim.caseId);
    expect(await councilSees(victim.caseId)).toMatchObject({
      safeContactNumber: NEW,
      access: { via: 'disclosure', disclosureIds: [shared] },
    });
  });

  it('shows the number given out when a new one is recorded after the share, and a later share the new one', async () => {
    const victim = await referred('Demelza', REFERRED);
    await share(victim.caseId);
    await numberChanged(victim.caseId, NEW);
    expect(await panelSees(victim.personId)).toBe(NEW);
    expect((await councilSees(victim.caseId)).safeContactNumber).toBe(REFERRED);

    await share(victim.caseId);
    await numberChanged(victim.caseId, LATER);
    expect((await councilSees(victim.caseId)).safeContactNumber).toBe(NEW);
  });

  it('shows a number recorded after a referral that gave none', async () => {
    const victim = await referred('Kerensa');
    await numberChanged(victim.caseId, NEW);
    await share(victim.caseId);
    expect((await councilSees(victim.caseId)).safeContactNumber).toBe(NEW);
  });

  it('shows the number recorded through a repeat referral’s case, which lands on her first record', async () => {
    const first = await referred('Lowdy', REFERRED);
    const repeat = await referred('Lowdy', NEW);
    expect(repeat.personId).toBe(first.personId);
    await numberChanged(repeat.caseId, LATER);
    expect(await panelSees(first.personId)).toBe(LATER);

    await share(repeat.caseId);
    expect((await councilSees(repeat.caseId)).safeContactNumber).toBe(LATER);
  });

  it('shows a repeat referral’s newer number after an address is recorded on her first record', async () => {
    const first = await referred('Tressa', REFERRED);
    const repeat = await referred('Tressa', NEW);
    expect(repeat.personId).toBe(first.personId);
    const moved = await client.post(`/v1/cases/${first.caseId}/person-details`, tokens.both, {
      address: '4 Synthetic Close',
    });
    expect(moved.status).toBe(200);

    await share(first.caseId);
    expect((await councilSees(first.caseId)).safeContactNumber).toBe(NEW);
  });

  describe('her first number recorded again once a repeat referral’s is compromised', () => {
    it.each([
      ['her first case', 'first'],
      ['the repeat referral’s case', 'repeat'],
    ] as const)(
      'through %s: the panel and a later share give it, a share made before keeps the one it gave',
      async (_, through) => {
        const first = await referred(through === 'first' ? 'Wenna' : 'Gwenna', REFERRED);
        const repeat = await referred(through === 'first' ? 'Wenna' : 'Gwenna', NEW);
        expect(repeat.personId).toBe(first.personId);
        expect(await panelSees(first.personId)).toBe(NEW);
        await share(first.caseId);

        await numberChanged((through === 'first' ? first : repeat).caseId, REFERRED);

        expect(await panelSees(first.personId)).toBe(REFERRED);
        expect((await councilSees(first.caseId)).safeContactNumber).toBe(NEW);
        await share(repeat.caseId);
        expect((await councilSees(repeat.caseId)).safeContactNumber).toBe(REFERRED);
      },
    );

    it('gives it when it was recorded through her case once before the repeat referral', async () => {
      const first = await referred('Jowdy');
      await numberChanged(first.caseId, REFERRED);
      const repeat = await referred('Jowdy', NEW);
      expect(repeat.personId).toBe(first.personId);
      expect(await panelSees(first.personId)).toBe(NEW);

      await numberChanged(repeat.caseId, REFERRED);

      expect(await panelSees(first.personId)).toBe(REFERRED);
      await share(repeat.caseId);
      expect((await councilSees(repeat.caseId)).safeContactNumber).toBe(REFERRED);
    });
  });

  it('never shows the number of a woman merged into her after the share', async () => {
    const victim = await referred('Ebrel', REFERRED, { dateOfBirth: '1984-05-12', postcode: 'N16 7UX' });
    const other = await referred('Ebrel', NEW, { dateOfBirth: '1984-05-13', postcode: 'E5 0LL' });
    expect(other.personId).not.toBe(victim.personId);
    await share(victim.caseId);
    await confirmedAsOnePerson(client, tokens.both, victim.personId, other.personId, 'Same woman, DOB mistyped');
    expect(await panelSees(victim.personId)).toBe(NEW);

    expect((await councilSees(victim.caseId)).safeContactNumber).toBe(REFERRED);
  });

  it('shows the number in force when a case share recorded by an older version was made', async () => {
    const victim = await referred('Jenifry', REFERRED);
    await numberChanged(victim.caseId, NEW);
    const actor = { id: BOTH.sub, name: BOTH.name ?? BOTH.sub, agency: 'Metropolitan Police', roles: BOTH.roles };
    const { disclosureId, position } = await appendCaseShareWithoutPanel(
      api.app.get<symbol, EventStore>(EVENT_STORE),
      actor,
      {
        caseId: victim.caseId,
        personId: victim.personId,
        toAgency: 'Hackney Council',
        dsaId: dsaId(),
        fields: ['safeContactNumber'],
      },
    );
    await client.get(`/v1/cases/${victim.caseId}`, tokens.hackney).set('X-Min-Position', String(position)).expect(200);
    await numberChanged(victim.caseId, LATER);

    expect(await councilSees(victim.caseId)).toMatchObject({
      safeContactNumber: NEW,
      access: { via: 'disclosure', disclosureIds: [disclosureId] },
    });
  });
});
