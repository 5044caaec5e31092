import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR, type TestUser } from './support/tokens';

const MARAC_ONLY: TestUser = { sub: 'marac-one-word-alias', roles: ['coordinator'], panels: ['MARAC'] };

interface Item {
  caseId: string;
  displayName: string;
}

/**
 * A one-word alias is a name the person is known by: a maiden or former surname ("Pritchard") or a
 * street name ("Tinkerbell"). A coordinator looking for a victim by her former name types it with
 * her forenames, and a street name with the surname, as the matcher reads it (review s17-cohort F3:
 * only the word alone found her). The alias stays the panel's that recorded it: IOM, knowing her by
 * her own name only, does not find her by a MARAC referral's alias. Synthetic people only.
 */
describe('the tracker searched by a one-word alias with the rest of the name', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, marac: MARAC_ONLY, iom: IOM_ONLY_COORDINATOR });
  const today = new Date().toISOString().slice(0, 10);
  const found = async (panel: string, token: string, q: string, asOf?: string) => {
    const query = `q=${encodeURIComponent(q)}${asOf === undefined ? '' : `&asOf=${asOf}`}`;
    const items = (await client.get(`/v1/panels/${panel}/cohort?${query}`, token).expect(200)).body.items as Item[];
    return items.map((item) => item.displayName);
  };

  beforeAll(async () => {
    const sarah = { forenames: 'Sarah', surname: 'Smithson', dateOfBirth: '1981-02-03', sex: 'female' };
    const identifiers = { pnc: syntheticPnc(317_317) };
    const nominal = await client.refer(tokens.all, iomReferral({}, { person: person({ ...sarah, identifiers }) }));
    const victim = await client.refer(
      tokens.marac,
      maracReferral(
        { person: person({ ...sarah, identifiers, aliases: ['Pritchard', 'Tinkerbell'] }) },
        { perpetrator: undefined },
      ),
    );
    // Known to both panels as one person: each tracker searches only the names its own referrals recorded.
    expect(victim.personId).toBe(nominal.personId);
    // Someone else of a like name, so a search for Sarah's does not pass merely by finding every Sarah.
    await client.refer(
      tokens.marac,
      maracReferral(
        { person: person({ forenames: 'Sarah', surname: 'Pritchett', dateOfBirth: '1979-11-30' }) },
        { perpetrator: undefined },
      ),
    );
  });

  it.each([
    ['a maiden name after her forenames', 'sarah pritchard'],
    ['her former surname with her present one', 'Pritchard Smithson'],
    ['a street name before her surname', 'tinkerbell smithson'],
    ['the alias alone', 'pritchard'],
  ])('finds her on MARAC by %s, live and as of a day', async (_, q) => {
    expect(await found('MARAC', tokens.marac, q)).toEqual(['Sarah Smithson']);
    expect(await found('MARAC', tokens.marac, q, today)).toEqual(['Sarah Smithson']);
  });

  it('does not pair one alias with another', async () => {
    expect(await found('MARAC', tokens.marac, 'pritchard tinkerbell')).toEqual([]);
    expect(await found('MARAC', tokens.marac, 'pritchard tinkerbell', today)).toEqual([]);
  });

  it('does not let an IOM-only coordinator find her by the aliases her MARAC referral gave', async () => {
    for (const asOf of [undefined, today]) {
      expect(await found('IOM', tokens.iom, 'sarah smithson', asOf)).toEqual(['Sarah Smithson']);
      for (const q of ['pritchard', 'sarah pritchard', 'pritchard smithson', 'tinkerbell smithson'])
        expect({ q, asOf, found: await found('IOM', tokens.iom, q, asOf) }).toEqual({ q, asOf, found: [] });
    }
  });
});
