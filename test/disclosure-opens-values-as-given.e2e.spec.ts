/**
 * What a disclosure opens is each field's value as it gave it out, never one recorded since. A
 * council told a MARAC victim's home address must not be shown her refuge address once her
 * coordinator records her move through her MARAC case: the council was never given it. Shown
 * again only when a later share gives it out. Synthetic people, addresses and staff only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { appendShareWithoutRecords } from '../libs/information-sharing/src/testing/legacy-entry';
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { iomReferral, maracReferral, person } from './support/referrals';
import type { TestUser } from './support/tokens';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('as-given', 'Morgan Both');
const HACKNEY = councilPractitioner('hackney-as-given', 'Hackney Council');
const PROBATION_IOM: TestUser = { sub: 'iom-as-given', agency: 'Probation', roles: ['coordinator'], panels: ['IOM'] };

const HOME = { address: '14 Synthetic Home Street', postcode: 'N4 2SX' };
const REFUGE = { address: '3 Refuge Synthetic Lane', postcode: 'E9 7QQ' };
const NEVER_GIVEN = /Refuge Synthetic Lane|E9 7QQ/;

describe('a disclosure opens the values it gave out, not those recorded since', () => {
  const { api, client, tokens, dsaId } = apiWithAgreement(
    { admin: ADMIN, both: BOTH, hackney: HACKNEY, iom: PROBATION_IOM, auditor: AUDITOR },
    ['Metropolitan Police', 'Hackney Council', 'Probation'],
  );

  const share = (about: Record<string, unknown>, fields: string[], toAgency = 'Hackney Council') =>
    disclosed(client, tokens.both, { toAgency, ...about, fields, dsaId: dsaId() });
  /** The council's view of a person (200 expected). */
  const councilSees = async (personId: string) =>
    (await client.get(`/v1/people/${personId}`, tokens.hackney).expect(200)).body as Record<string, unknown>;
  /**
   * Referred at her home, with no identifier, to IOM and then to MARAC: her MARAC record is linked
   * to the person IOM registered. Answers her MARAC referral.
   */
  const knownToIomFirst = async (name: { forenames: string; surname: string; dateOfBirth: string }) => {
    const her = person({ ...name, identifiers: undefined, ...HOME });
    const iom = await client.refer(tokens.both, iomReferral({}, { person: her }));
    const marac = await client.refer(tokens.both, maracReferral({ person: her }, { perpetrator: undefined }));
    expect(marac.personId).toBe(iom.personId);
    return marac;
  };
  /** Her coordinator records her move to a refuge through her MARAC case (200 expected). */
  const movedToRefuge = async (caseId: string, changes: Record<string, unknown> = {}) => {
    const moved = await client.post(`/v1/cases/${caseId}/person-details`, tokens.both, { ...REFUGE, ...changes });
    expect({ status: moved.status, rule: moved.body.rule }).toEqual({ status: 200, rule: undefined });
  };

  it('keeps showing the home address a case share gave out once her refuge is recorded through her case', async () => {
    const victim = await client.refer(
      tokens.both,
      maracReferral(
        {
          person: person({
            forenames: 'Elowen',
            surname: 'Trevaskis',
            dateOfBirth: '1987-08-19',
            language: 'Polish',
            ...HOME,
          }),
        },
        { perpetrator: undefined },
      ),
    );
    const first = await share({ caseId: victim.caseId }, ['name', 'address', 'postcode', 'language']);
    expect(await councilSees(victim.personId)).toMatchObject({ ...HOME, language: 'Polish' });

    // Her move and her new language, recorded on her own registration (`person-details-recorded`).
    await movedToRefuge(victim.caseId, { language: 'English' });
    expect((await client.personView<{ golden: object }>(tokens.both, victim.personId)).golden).toMatchObject(REFUGE);

    const seen = await councilSees(victim.personId);
    expect(seen).toMatchObject({ forenames: 'Elowen', surname: 'Trevaskis', ...HOME, language: 'Polish' });
    expect(JSON.stringify(seen)).not.toMatch(NEVER_GIVEN);
    const caseView = await client.get(`/v1/cases/${victim.caseId}`, tokens.hackney).expect(200);
    expect(caseView.body.person).toMatchObject({ ...HOME, language: 'Polish' });
    expect(JSON.stringify(caseView.body)).not.toMatch(NEVER_GIVEN);

    // Each field says when the disclosure that gave it was made, changed since or not.
    const { occurredAt } = (await client.get(`/v1/disclosures/${first}`, tokens.auditor).expect(200)).body as {
      occurredAt: string;
    };
    const on = { name: occurredAt, address: occurredAt, postcode: occurredAt, language: occurredAt };
    expect(seen.asDisclosedOn).toEqual(on);
    expect(caseView.body.person.asDisclosedOn).toEqual(on);

    // Given out again, after the move: now the council was told where she lives.
    const again = await share({ caseId: victim.caseId }, ['address', 'postcode']);
    const seenAgain = await councilSees(victim.personId);
    expect(seenAgain).toMatchObject({ ...REFUGE, language: 'Polish' });
    const { occurredAt: later } = (await client.get(`/v1/disclosures/${again}`, tokens.auditor).expect(200)).body as {
      occurredAt: string;
    };
    expect(seenAgain.asDisclosedOn).toEqual({ ...on, address: later, postcode: later });
  });

  it('keeps showing the address a share gave out from the record MARAC linked to her, once her move changes it', async () => {
    // Known to IOM first: her MARAC referral's record is linked to the person IOM registered, and
    // her move lands on that record (`person-record-details-recorded` on the identity stream).
    const marac = await knownToIomFirst({ forenames: 'Morwenna', surname: 'Penrose', dateOfBirth: '1986-03-14' });
    await share({ personId: marac.personId, panel: 'MARAC' }, ['address', 'postcode']);

    await movedToRefuge(marac.caseId);
    expect((await client.personView<{ golden: object }>(tokens.both, marac.personId)).golden).toMatchObject(REFUGE);

    const seen = await councilSees(marac.personId);
    expect(seen).toMatchObject(HOME);
    expect(JSON.stringify(seen)).not.toMatch(NEVER_GIVEN);
  });

  it('shows a case worker who knows her through another panel the MARAC address a share gave, not her refuge', async () => {
    const marac = await knownToIomFirst({ forenames: 'Tamsin', surname: 'Carveth', dateOfBirth: '1984-12-01' });
    // Probation's IOM coordinator sees her IOM record's address anyway; the share opens MARAC's.
    await share({ personId: marac.personId, panel: 'MARAC' }, ['address', 'postcode'], 'Probation');

    await movedToRefuge(marac.caseId);

    const seen = await client.personView<{ golden: object }>(tokens.iom, marac.personId);
    expect(seen.golden).toMatchObject(HOME);
    expect(JSON.stringify(seen)).not.toMatch(NEVER_GIVEN);
  });

  it('keeps showing what a share recorded before its records were kept gave out, once her refuge is recorded', async () => {
    const victim = await client.refer(
      tokens.both,
      maracReferral(
        { person: person({ forenames: 'Kerensa', surname: 'Angwin', dateOfBirth: '1990-10-04', ...HOME }) },
        { perpetrator: undefined },
      ),
    );
    const actor = { id: BOTH.sub, name: BOTH.name ?? BOTH.sub, agency: 'Metropolitan Police', roles: BOTH.roles };
    const { position } = await appendShareWithoutRecords(api.app.get<symbol, EventStore>(EVENT_STORE), actor, {
      personId: victim.personId,
      panel: 'MARAC',
      toAgency: 'Hackney Council',
      dsaId: dsaId(),
      fields: ['address', 'postcode'],
    });
    const read = await client
      .get(`/v1/people/${victim.personId}`, tokens.hackney)
      .set('X-Min-Position', String(position))
      .expect(200);
    expect(read.body).toMatchObject(HOME);

    // A change of her details, on the record the share gave out: not a record added since, but the
    // value it gave out is gone from the record all the same.
    await movedToRefuge(victim.caseId);
    const seen = await councilSees(victim.personId);
    expect(seen).toMatchObject(HOME);
    expect(JSON.stringify(seen)).not.toMatch(NEVER_GIVEN);
  });
});
