import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { OtherPanelsQuery } from '../libs/identity/src/published/other-panels';
import { ProjectorRuntime } from '../libs/read-models/src/projector-runtime';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface PersonView {
  personId: string;
  golden: { forenames: string; surname: string; postcode?: string; address?: string };
  identifiers: Record<string, string[]>;
  panels: string[];
  cases: { caseId: string }[];
  namedOn: { caseId: string; panel: string; role: string }[];
  alsoKnownTo: { panel: string; cases: number; openCases: number }[];
  records: { recordId: string; panel: string | null; caseId?: string }[];
}

/** Where probation knows the nominal lives: IOM's to know, not MARAC's. */
const IOM_ADDRESS = { address: '12 Probation Row', postcode: 'W3 7QS' };
/** Where the victim lives: the MARAC referral gives it as the perpetrator's address too. */
const HOUSEHOLD = { address: '7 Hidden Lane', postcode: 'E5 0ZZ' };

/**
 * A MARAC coordinator preparing a case needs to open the record of the man it names as
 * perpetrator, to see at once that he is known to other panels (an IOM nominal), and to pull off
 * their own record when the referral's perpetrator joined the wrong man. What they see is what
 * MARAC holds; the other panels show only as markers. Synthetic people only.
 */
describe('a MARAC coordinator opening the perpetrator their case names', () => {
  const { api, client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'marac-only-c', roles: ['coordinator'], panels: ['MARAC'] },
    allianceOnly: { sub: 'alliance-only-c', roles: ['coordinator'], panels: ['ALLIANCE'] },
    iomOnly: { sub: 'iom-only-c', roles: ['coordinator'], panels: ['IOM'] },
  });

  const refer = (body: unknown) => client.refer(tokens.all, body);
  /** The markers are read in-process, with no X-Min-Position to wait on: wait for the views to reach the head. */
  const markersOnceProjected = async (): Promise<OtherPanelsQuery> => {
    const head = await api.app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await api.app.get(ProjectorRuntime).waitUntilProcessed(head, 5000)).toBe(true);
    return api.app.get(OtherPanelsQuery);
  };
  const viewOf = (token: string, personId: string) => client.personView<PersonView>(token, personId);

  /** An IOM nominal at his own address, then a MARAC referral naming him at the victim's. */
  const nominalNamedByMarac = async (forenames: string, surname: string, serial: number) => {
    const nominal = {
      forenames,
      surname,
      dateOfBirth: '1984-12-05',
      sex: 'male',
      identifiers: { pnc: syntheticPnc(serial) },
    };
    const iom = await refer(iomReferral({}, { person: person({ ...nominal, ...IOM_ADDRESS }) }));
    const marac = await refer(
      maracReferral(
        { person: person({ forenames: 'Petra', surname, dateOfBirth: '1986-03-14', ...HOUSEHOLD }) },
        { perpetrator: { ...nominal, ...HOUSEHOLD }, relationshipToVictim: 'ex-partner' },
      ),
    );
    expect(marac.perpetratorPersonId).toBe(iom.personId);
    return { iom, marac };
  };

  it('shows the perpetrator as MARAC holds him, naming the case, with IOM only as a marker', async () => {
    const { iom, marac } = await nominalNamedByMarac('Garrick', 'Thistlewood', 5521);

    const seen = await viewOf(tokens.maracOnly, iom.personId);
    expect(seen).toMatchObject({
      personId: iom.personId,
      golden: { forenames: 'Garrick', surname: 'Thistlewood', ...HOUSEHOLD },
      panels: ['IOM', 'MARAC'],
      cases: [],
      namedOn: [{ caseId: marac.caseId, panel: 'MARAC', role: 'perpetrator' }],
      alsoKnownTo: [{ panel: 'IOM', cases: 1, openCases: 1 }],
    });
    expect(seen.records.map((r) => [r.panel, r.caseId])).toEqual([['MARAC', marac.caseId]]);
    const text = JSON.stringify(seen);
    for (const iomOnly of [iom.caseId, IOM_ADDRESS.address, IOM_ADDRESS.postcode, 'Prolific', 'Probation'])
      expect(text).not.toContain(iomOnly);
  });

  it('gives the case view and agenda the perpetrator their MARAC case names, with his other panels as names only', async () => {
    const { iom, marac } = await nominalNamedByMarac('Lorcan', 'Ashdown', 5522);
    const markers = await markersOnceProjected();
    expect(markers.perpetratorMarker(marac.caseId, ['MARAC'])).toEqual({
      personId: iom.personId,
      alsoKnownTo: ['IOM'],
    });
    expect(markers.perpetratorMarker(iom.caseId, ['IOM'])).toBeUndefined();
  });

  it('still answers 404 to readers whose panels neither hold nor name the person', async () => {
    const { iom, marac } = await nominalNamedByMarac('Ruadh', 'Kennaway', 5523);
    await client.get(`/v1/people/${marac.personId}`, tokens.allianceOnly).expect(404);
    await client.get(`/v1/people/${marac.personId}`, tokens.iomOnly).expect(404);
    await client.get(`/v1/people/${iom.personId}`, tokens.allianceOnly).expect(404);
  });

  it("lets a MARAC-only coordinator split the perpetrator's record off the Alliance child it wrongly joined", async () => {
    const child = {
      forenames: 'Kenver',
      surname: 'Polglase',
      dateOfBirth: '2007-03-21',
      sex: 'male',
      postcode: 'N15 4QZ',
    };
    const alliance = await refer(allianceReferral({ person: person(child) }));
    const marac = await refer(
      maracReferral(
        { person: person({ forenames: 'Morwenna', surname: 'Polglase', dateOfBirth: '1975-11-02' }) },
        { perpetrator: child, relationshipToVictim: 'ex-partner' },
      ),
    );
    expect(marac.perpetratorPersonId).toBe(alliance.personId);
    const markers = await markersOnceProjected();
    expect(markers.perpetratorMarker(marac.caseId, ['MARAC'])).toEqual({
      personId: alliance.personId,
      alsoKnownTo: ['ALLIANCE'],
    });

    const seen = await viewOf(tokens.maracOnly, alliance.personId);
    const recordId = seen.records.find((r) => r.panel === 'MARAC')?.recordId;
    const split = await client.post(`/v1/people/${alliance.personId}/split`, tokens.maracOnly, {
      reason: 'The man MARAC names is not this child: different date of birth on the police log',
      recordIds: [recordId],
    });
    expect({ status: split.status, body: split.body }).toEqual({
      status: 200,
      body: { personId: alliance.personId, intoPersonId: expect.any(String), position: expect.any(Number) },
    });
    expect(await viewOf(tokens.maracOnly, split.body.intoPersonId as string)).toMatchObject({
      namedOn: [{ caseId: marac.caseId, role: 'perpetrator' }],
      alsoKnownTo: [],
    });
    expect(markers.perpetratorMarker(marac.caseId, ['MARAC'])).toEqual({
      personId: split.body.intoPersonId,
      alsoKnownTo: [],
    });
    // The child is no longer named on any MARAC case, so MARAC has no footing to see him.
    await client.get(`/v1/people/${alliance.personId}`, tokens.maracOnly).expect(404);
  });
});
