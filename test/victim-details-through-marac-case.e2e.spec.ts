import { apiForSuite } from './support/api-suite';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

/**
 * A victim the matcher links to a person another panel registered first (an IOM nominal, say)
 * still moves and changes her safe number: her MARAC coordinator records it through her MARAC
 * case, and it lands on the record her MARAC referral brought in, so it stays MARAC's. Synthetic
 * people, addresses and numbers only.
 */
describe('a victim first registered by another panel, her new details recorded through her MARAC case', () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'victim-update-marac', roles: ['coordinator'], panels: ['MARAC'] },
    iomOnly: IOM_ONLY_COORDINATOR,
  });
  const refer = (body: unknown) => client.refer(tokens.all, body);
  const knownToIom = (forenames: string, surname: string) =>
    person({
      forenames,
      surname,
      dateOfBirth: '1986-03-14',
      address: '2 Probation Synthetic Road',
      postcode: 'N15 4QQ',
      identifiers: undefined,
    });
  const referredToMarac = (forenames: string, surname: string) =>
    refer(maracReferral({ person: knownToIom(forenames, surname) }, { perpetrator: undefined }));

  it('records her move and safe number on her MARAC case, shown to MARAC and kept from IOM', async () => {
    const iom = await refer(iomReferral({}, { person: knownToIom('Marguerite', 'Tallowby') }));
    const marac = await referredToMarac('Marguerite', 'Tallowby');
    expect(marac.personId).toBe(iom.personId);

    const moved = await client.post(`/v1/cases/${marac.caseId}/person-details`, tokens.maracOnly, {
      address: '12 Refuge Synthetic Lane',
      postcode: 'E9 7QQ',
      safeContactNumber: '07700 900301',
    });
    expect({ status: moved.status, rule: moved.body.rule }).toEqual({ status: 200, rule: undefined });
    expect(moved.body.personId).toBe(iom.personId);

    const seenByMarac = await client.personView<{ golden: object }>(tokens.maracOnly, iom.personId);
    expect(seenByMarac.golden).toMatchObject({
      address: '12 Refuge Synthetic Lane',
      postcode: 'E9 7QQ',
      safeContactNumber: '07700 900301',
    });
    const seenByIom = await client.personView<{ golden: object }>(tokens.iomOnly, iom.personId);
    expect(JSON.stringify(seenByIom)).not.toMatch(/Refuge Synthetic Lane|E9 7QQ|07700 900301/);
    expect(seenByIom.golden).toMatchObject({ address: '2 Probation Synthetic Road', postcode: 'N15 4QQ' });
  });

  it('keeps the newest number a second MARAC case records, still from IOM', async () => {
    const iom = await refer(iomReferral({}, { person: knownToIom('Winifred', 'Harrowdene') }));
    const first = await referredToMarac('Winifred', 'Harrowdene');
    const again = await refer(
      maracReferral(
        { referredAt: '2024-06-02T09:00:00Z', person: knownToIom('Winifred', 'Harrowdene') },
        { perpetrator: undefined },
      ),
    );
    expect([first.personId, again.personId]).toEqual([iom.personId, iom.personId]);
    const record = (caseId: string, safeContactNumber: string) =>
      client.post(`/v1/cases/${caseId}/person-details`, tokens.maracOnly, { safeContactNumber });
    expect((await record(first.caseId, '07700 900311')).status).toBe(200);
    expect((await record(again.caseId, '07700 900312')).status).toBe(200);

    const seenByMarac = await client.personView<{ golden: object }>(tokens.maracOnly, iom.personId);
    expect(seenByMarac.golden).toMatchObject({ safeContactNumber: '07700 900312' });
    const seenByIom = await client.personView(tokens.iomOnly, iom.personId);
    expect(JSON.stringify(seenByIom)).not.toMatch(/07700 90031/);
  });

  it('records an IOM move on the record IOM linked to a victim MARAC registered, her refuge still hidden', async () => {
    const refuge = { address: '5 Refuge Synthetic Court', postcode: 'E5 8QQ' };
    const marac = await refer(
      maracReferral({ person: { ...knownToIom('Philippa', 'Quenby'), ...refuge } }, { perpetrator: undefined }),
    );
    const iom = await refer(iomReferral({}, { person: knownToIom('Philippa', 'Quenby') }));
    expect(iom.personId).toBe(marac.personId);

    const moved = await client.post(`/v1/cases/${iom.caseId}/person-details`, tokens.iomOnly, {
      address: '8 Approved Premises Synthetic Way',
      postcode: 'N17 9XX',
    });
    expect({ status: moved.status, events: moved.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    const seenByIom = await client.personView<{ golden: object }>(tokens.iomOnly, iom.personId);
    expect(seenByIom.golden).toMatchObject({ address: '8 Approved Premises Synthetic Way', postcode: 'N17 9XX' });
    expect(JSON.stringify(seenByIom)).not.toMatch(/Refuge Synthetic Court|E5 8QQ/);
  });
});
