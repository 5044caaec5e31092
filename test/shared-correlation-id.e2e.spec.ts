import { apiForSuite } from './support/api-suite';
import type { ReferralMade } from './support/people';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

/**
 * A front-end or gateway may trace a whole session under one `X-Correlation-Id`. That id is the
 * client's choice, so it must never decide which panel brought a record in: a MARAC victim's
 * refuge address, disability and language stay on the record her MARAC referral brought in, away
 * from IOM, however the ids were reused. Synthetic people, addresses and numbers only.
 */
describe('referrals of one person sent under one X-Correlation-Id', () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'shared-correlation-marac', roles: ['coordinator'], panels: ['MARAC'] },
    iomOnly: IOM_ONLY_COORDINATOR,
    analyst: ANALYST,
  });
  const session = (name: string) => ({ 'X-Correlation-Id': `front-end-session-${name}` });
  const her = (forenames: string, surname: string, dateOfBirth = '1986-03-14') =>
    person({
      forenames,
      surname,
      dateOfBirth,
      address: '2 Probation Synthetic Road',
      postcode: 'N15 4QQ',
      identifiers: undefined,
    });
  const refuge = { address: '12 Refuge Synthetic Lane', postcode: 'E9 7QQ' };
  const moveThroughMaracCase = (caseId: string) =>
    client.post(`/v1/cases/${caseId}/person-details`, tokens.maracOnly, refuge);
  /** The research export of the panels' records in 2024, as an analyst downloads it. */
  const exported = (panels: string[]) => client.exportedRecords(tokens.analyst, panels);
  const shownToIom = async (personId: string) => JSON.stringify(await client.personView(tokens.iomOnly, personId));
  /** Her move recorded through her MARAC case lands on MARAC's record: MARAC sees it, IOM does not. */
  const expectRefugeOnMaracRecordOnly = async (marac: ReferralMade, personId: string) => {
    const moved = await moveThroughMaracCase(marac.caseId);
    expect({ status: moved.status, events: moved.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    expect(await shownToIom(personId)).not.toMatch(/Refuge Synthetic Lane|E9 7QQ/);
    const seenByMarac = await client.personView<{ golden: object }>(tokens.maracOnly, personId);
    expect(seenByMarac.golden).toMatchObject(refuge);
  };

  it('keeps her refuge from IOM when IOM registered her and MARAC linked her under the same id', async () => {
    const shared = session('a');
    const iom = await client.refer(tokens.all, iomReferral({}, { person: her('Rosamund', 'Petheridge') }), shared);
    const marac = await client.refer(
      tokens.all,
      maracReferral({ person: her('Rosamund', 'Petheridge') }, { perpetrator: undefined }),
      shared,
    );
    expect(marac.personId).toBe(iom.personId);

    await expectRefugeOnMaracRecordOnly(marac, iom.personId);
  });

  it('keeps her refuge from IOM when Alliance registered her and MARAC then IOM linked her under one id', async () => {
    const shared = session('b');
    const child = her('Ottilie', 'Braybrooke', '2005-06-01');
    const alliance = await client.refer(tokens.all, allianceReferral({ person: child }));
    const marac = await client.refer(tokens.all, maracReferral({ person: child }, { perpetrator: undefined }), shared);
    const iom = await client.refer(tokens.all, iomReferral({}, { person: child }), shared);
    expect([marac.personId, iom.personId]).toEqual([alliance.personId, alliance.personId]);

    await expectRefugeOnMaracRecordOnly(marac, iom.personId);
  });

  it('puts the disability and language of her MARAC referral on MARAC’s record, out of IOM’s export', async () => {
    const shared = session('c');
    const iom = await client.refer(tokens.all, iomReferral({}, { person: her('Clemency', 'Arkwright') }), shared);
    const marac = await client.refer(
      tokens.all,
      maracReferral(
        { person: { ...her('Clemency', 'Arkwright'), disability: 'yes', language: 'Polish' } },
        { perpetrator: undefined },
      ),
      shared,
    );
    expect(marac.personId).toBe(iom.personId);

    const disabled = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => r.disability === 'yes').map((r) => [r.event_type, r.panel]);
    expect(disabled(await exported(['MARAC']))).toEqual([['person-record-details-recorded', 'MARAC']]);
    expect(disabled(await exported(['IOM']))).toEqual([]);
  });

  it('still records details through a case on the registration its own referral made under a reused id', async () => {
    const shared = session('d');
    const first = await client.refer(
      tokens.all,
      maracReferral({ person: her('Perpetua', 'Lindqvist') }, { perpetrator: undefined }),
      shared,
    );
    const moved = await moveThroughMaracCase(first.caseId);
    expect({ status: moved.status, events: moved.body.events }).toEqual({
      status: 200,
      events: ['person-details-recorded'],
    });
  });
});
