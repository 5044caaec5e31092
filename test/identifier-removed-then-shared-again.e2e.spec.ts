/**
 * A share gives out a person's identifiers at their values then. When her coordinator removes a
 * PNC ID typed in error (her sister's) and shares her identifiers again, the recipient must be
 * told she has none now, dated to the later share, not go on seeing her sister's number as hers.
 * Revoking the later share leaves what the earlier one gave out, as for any field. Synthetic
 * people, numbers and staff only.
 */
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { syntheticPnc } from './support/people';
import { maracReferral, person } from './support/referrals';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('ids-shared-again', 'Robin Both');
const HACKNEY = councilPractitioner('hackney-ids-shared-again', 'Hackney Council');

describe('identifiers shared again after one is removed', () => {
  const { client, tokens, dsaId } = apiWithAgreement({ admin: ADMIN, both: BOTH, hackney: HACKNEY, auditor: AUDITOR }, [
    'Metropolitan Police',
    'Hackney Council',
  ]);

  const shareIdentifiers = (caseId: string) =>
    disclosed(client, tokens.both, { toAgency: 'Hackney Council', caseId, fields: ['identifiers'], dsaId: dsaId() });
  const madeOn = async (disclosureId: string) =>
    ((await client.get(`/v1/disclosures/${disclosureId}`, tokens.auditor).expect(200)).body as { occurredAt: string })
      .occurredAt;
  /** What the council is shown of her through her case and through her person (200 expected). */
  const councilSees = async (victim: { caseId: string; personId: string }) => ({
    onCase: (await client.get(`/v1/cases/${victim.caseId}`, tokens.hackney).expect(200)).body.person as Record<
      string,
      unknown
    >,
    onPerson: (await client.get(`/v1/people/${victim.personId}`, tokens.hackney).expect(200)).body as Record<
      string,
      unknown
    >,
  });
  const referredWith = (forenames: string, identifiers: Record<string, string>) =>
    client.refer(
      tokens.both,
      maracReferral(
        { person: person({ forenames, surname: 'Synthetic', dateOfBirth: '1989-01-23', identifiers }) },
        { perpetrator: undefined },
      ),
    );
  const recorded = async (caseId: string, body: Record<string, unknown>) => {
    const answer = await client.post(`/v1/cases/${caseId}/person-details`, tokens.both, body);
    expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status: 200, rule: undefined });
  };

  it('tells the council she has none, as of the later share, and the earlier value again once that share is revoked', async () => {
    const sisters = syntheticPnc(2101);
    const victim = await referredWith('Senara', { pnc: sisters });
    const first = await shareIdentifiers(victim.caseId);
    await recorded(victim.caseId, { identifiers: { pnc: null }, reason: 'her sister’s PNC ID, typed in error' });

    // Until it is shared again the council keeps what it was told, dated to when it was told.
    const before = await councilSees(victim);
    expect(before.onCase).toMatchObject({
      identifiers: { pnc: sisters },
      asDisclosedOn: { identifiers: await madeOn(first) },
    });

    const again = await shareIdentifiers(victim.caseId);
    const after = await councilSees(victim);
    expect(after.onCase.identifiers).toEqual({});
    expect(after.onCase.asDisclosedOn).toEqual({ identifiers: await madeOn(again) });
    expect(after.onPerson.identifiers).toEqual({});
    expect(after.onPerson.asDisclosedOn).toEqual({ identifiers: await madeOn(again) });
    expect(JSON.stringify(after)).not.toContain(sisters);

    const revoked = await client.post(`/v1/disclosures/${again}/revoke`, tokens.both, {
      reason: 'shared to the wrong team',
    });
    expect(revoked.status).toBe(200);
    const fellBack = await councilSees(victim);
    expect(fellBack.onCase).toMatchObject({
      identifiers: { pnc: sisters },
      asDisclosedOn: { identifiers: await madeOn(first) },
    });
  });

  it('gives out a corrected value at the later share, as before', async () => {
    const typed = syntheticPnc(2102);
    const hers = syntheticPnc(2103);
    const victim = await referredWith('Lowenna', { pnc: typed });
    await shareIdentifiers(victim.caseId);
    await recorded(victim.caseId, { identifiers: { pnc: hers }, reason: 'check character typed wrongly' });
    const again = await shareIdentifiers(victim.caseId);

    const seen = await councilSees(victim);
    expect(seen.onCase).toMatchObject({
      identifiers: { pnc: hers },
      asDisclosedOn: { identifiers: await madeOn(again) },
    });
    expect(seen.onPerson).toMatchObject({ identifiers: { pnc: [hers] } });
  });

  it('gives out no identifiers of a person never recorded with any, as before', async () => {
    const victim = await referredWith('Demelza', {});
    await shareIdentifiers(victim.caseId);
    const seen = (await client.get(`/v1/cases/${victim.caseId}`, tokens.hackney).expect(200)).body.person as Record<
      string,
      unknown
    >;
    expect(seen.identifiers).toBeUndefined();
  });
});
