import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { iomReferral, person } from './support/referrals';
import { IOM_ONLY_COORDINATOR } from './support/tokens';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic nominal.
const nominal = person({
  forenames: 'Lorcan',
  surname: 'Uploadwright',
  dateOfBirth: '1991-07-08',
  sex: 'male',
  postcode: 'N17 6AB',
  identifiers: { pnc: '2013/0004004Z' },
});

/**
 * A record no referral claimed keeps its address and postcode from everyone but admins: it may be
 * what a MARAC referral that failed part-way wrote. The monthly IOM upload also writes records no
 * referral names (a nominal already on an open case is matched, not referred again), but those are
 * IOM's: the upload that wrote them says so, and IOM sees the postcode probation holds now.
 */
describe('a nominal on an open IOM case, matched again by the monthly upload', () => {
  const { api, client, tokens } = apiForSuite({ iomOnly: IOM_ONLY_COORDINATOR });

  it('shows IOM the postcode the upload brought in', async () => {
    const referred = await client.refer(tokens.iomOnly, iomReferral({}, { person: nominal }));
    const file = [HEADER, 'X700001,13/0004004Z,Lorcan,Uploadwright,1991-07-08,E5 0ZZ,80,40,N'].join('\n');
    await uploadedToIom(api, tokens.iomOnly, '2024-04', file);

    const seen = await client.personView<{ golden: { postcode?: string }; records: { panel: string | null }[] }>(
      tokens.iomOnly,
      referred.personId,
    );
    expect(seen.records).toHaveLength(2);
    expect(seen.golden.postcode).toBe('E5 0ZZ');
  });
});
