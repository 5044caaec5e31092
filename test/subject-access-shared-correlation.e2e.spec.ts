import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac-shared-correlation', panels: ['MARAC'] };
const WITHHELD = '[withheld pending review]';

interface HeldEvent {
  type: string;
  stream: string;
  data?: { details?: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * A front-end may send a whole session under one `X-Correlation-Id`. What a MARAC referral gave
 * as its perpetrator's address (often the victim's household) is withheld from his subject access
 * report whatever other referrals that session made: the id is the client's, never a sign of which
 * referral a record came in with. Synthetic people, addresses and numbers only.
 */
describe('a perpetrator’s subject access report, referrals sent under one X-Correlation-Id', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, maracAuditor: MARAC_AUDITOR });
  const session = (name: string) => ({ 'X-Correlation-Id': `sar-session-${name}` });
  const eventsOf = async (personId: string): Promise<HeldEvent[]> =>
    (await client.get(`/v1/audit/subject-access/${personId}?redactMarac=false`, tokens.maracAuditor, null).expect(200))
      .body.person.events as HeldEvent[];
  const man = (forenames: string, surname: string, pnc: string) => ({
    forenames,
    surname,
    dateOfBirth: '1983-11-07',
    sex: 'male',
    identifiers: { pnc },
  });
  const herHousehold = { address: '4 Synthetic Close, London', postcode: 'N16 8ZZ' };
  /** A MARAC referral of `victim` naming `perpetrator`, sent in the front-end's session. */
  const referToMarac = (
    victim: Record<string, unknown>,
    perpetrator: Record<string, unknown>,
    headers: Record<string, string>,
  ) => client.refer(tokens.coordinator, maracReferral({ person: person(victim) }, { perpetrator }), headers);

  it('withholds her address from him when a later MARAC referral in the session has him as the victim', async () => {
    const shared = session('cross-allegation');
    const him = man('Caradoc', 'Trevithick', syntheticPnc(845_101));
    const her = { forenames: 'Lowenna', surname: 'Trevithick', dateOfBirth: '1985-02-19', ...herHousehold };
    const first = await referToMarac(her, { ...him, ...herHousehold }, shared);
    // A cross-allegation: he is referred as a victim, naming another man, from his own address.
    const himAtHome = { ...him, address: '30 Own Synthetic Street', postcode: 'E5 0ZZ' };
    const second = await referToMarac(himAtHome, man('Jago', 'Polglase', syntheticPnc(845_102)), shared);
    expect(second.personId).toBe(first.perpetratorPersonId);

    const events = await eventsOf(second.personId);
    expect(JSON.stringify(events)).not.toMatch(/4 Synthetic Close|N16 8ZZ/);
    const registered = events.find((e) => e.type === 'person-registered');
    expect(registered?.data?.details).toMatchObject({ forenames: 'Caradoc', address: WITHHELD, postcode: WITHHELD });
    // What his own referral gave is his.
    const linked = events.find((e) => e.type === 'person-record-linked');
    expect(linked?.data?.details).toMatchObject({ address: '30 Own Synthetic Street', postcode: 'E5 0ZZ' });
  });

  it('leaves him the address his IOM registration gave when a MARAC referral in the session names him', async () => {
    const shared = session('iom-then-marac');
    const him = man('Peran', 'Kitto', syntheticPnc(845_103));
    const iom = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: person({ ...him, address: '7 Probation Synthetic Way', postcode: 'E8 3ZZ' }) }),
      shared,
    );
    const her = { forenames: 'Morwenna', surname: 'Kitto', dateOfBirth: '1988-06-03', ...herHousehold };
    const marac = await referToMarac(her, { ...him, ...herHousehold }, shared);
    expect(marac.perpetratorPersonId).toBe(iom.personId);

    const events = await eventsOf(iom.personId);
    const registered = events.find((e) => e.type === 'person-registered');
    expect(registered?.data?.details).toMatchObject({ address: '7 Probation Synthetic Way', postcode: 'E8 3ZZ' });
    const linked = events.find((e) => e.type === 'person-record-linked');
    expect(linked?.data?.details).toMatchObject({ address: WITHHELD, postcode: WITHHELD });
  });
});
