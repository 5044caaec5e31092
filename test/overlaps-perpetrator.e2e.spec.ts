import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { peopleClient, syntheticPnc } from './support/people';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

interface Overlap {
  personId: string;
  panels: string[];
  cases: { caseId: string; panel: string; role: string }[];
}

/**
 * "An IOM nominal who is a MARAC perpetrator": a person a MARAC referral names as perpetrator is
 * known to MARAC. Other panels see that as a marker like any other; never the case or the role,
 * which would say that a MARAC referral names a victim connected to the person.
 */
describe('a person named as a MARAC perpetrator', () => {
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let all: string;
  let allianceOnly: string;
  let iomOnly: string;
  let maracOnly: string;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    all = await tokenFor(COORDINATOR_ALL_PANELS);
    allianceOnly = await tokenFor({ sub: 'alliance-p', roles: ['practitioner'], panels: ['ALLIANCE'] });
    iomOnly = await tokenFor({ sub: 'iom-p', roles: ['coordinator'], panels: ['IOM'] });
    maracOnly = await tokenFor({ sub: 'marac-p', roles: ['coordinator'], panels: ['MARAC'] });
    admin = await tokenFor({ sub: 'admin-p', roles: ['admin'], panels: [] });
  });
  afterAll(async () => {
    await api.close();
  });

  const refer = (body: unknown) => client.refer(all, body);
  const naming = (victim: Record<string, unknown>, perpetrator: Record<string, unknown>) =>
    refer(maracReferral({ person: person(victim) }, { perpetrator, relationshipToVictim: 'adolescent-son' }));
  const overlapOf = async (token: string, personId: string) =>
    ((await client.get('/v1/people/overlaps', token).expect(200)).body.items as Overlap[]).find(
      (o) => o.personId === personId,
    );
  const viewOf = (token: string, personId: string) => client.personView<Record<string, unknown>>(token, personId);

  const child = {
    forenames: 'Tobiah',
    surname: 'Quenville',
    dateOfBirth: '2007-02-11',
    sex: 'male',
    postcode: 'N15 4QZ',
  };

  it('shows the Alliance reader a MARAC marker on the child and in overlaps, with no case or role', async () => {
    const alliance = await refer(allianceReferral({ person: person(child) }));
    const marac = await naming({ forenames: 'Imelda', surname: 'Quenville', dateOfBirth: '1976-08-30' }, child);
    expect(marac.perpetratorPersonId).toBe(alliance.personId);

    const seen = await viewOf(allianceOnly, alliance.personId);
    expect(seen).toMatchObject({
      panels: ['ALLIANCE', 'MARAC'],
      alsoKnownTo: [{ panel: 'MARAC', cases: 1, openCases: 1 }],
      namedOn: [],
    });
    const overlap = await overlapOf(allianceOnly, alliance.personId);
    expect(overlap).toEqual({
      personId: alliance.personId,
      panels: ['ALLIANCE', 'MARAC'],
      cases: [{ caseId: alliance.caseId, panel: 'ALLIANCE', role: 'subject' }],
    });
    for (const body of [seen, overlap]) {
      const text = JSON.stringify(body);
      for (const secret of [marac.caseId, marac.personId, 'perpetrator', 'Imelda', 'adolescent-son'])
        expect(text).not.toContain(secret);
    }

    // MARAC members may see the role: the case is theirs.
    expect((await overlapOf(maracOnly, alliance.personId))?.cases).toEqual([
      { caseId: marac.caseId, panel: 'MARAC', role: 'perpetrator' },
    ]);
    expect((await viewOf(all, alliance.personId)).namedOn).toEqual([
      { caseId: marac.caseId, panel: 'MARAC', role: 'perpetrator', open: true, referredAt: expect.any(String) },
    ]);

    // The victim's own view gains nothing about the person who harms her, and she gains no overlap.
    const victim = await viewOf(maracOnly, marac.personId);
    expect(victim).toMatchObject({ panels: ['MARAC'], alsoKnownTo: [], namedOn: [] });
    const victimText = JSON.stringify(victim);
    for (const secret of [alliance.personId, alliance.caseId, 'Tobiah', 'ALLIANCE'])
      expect(victimText).not.toContain(secret);
    expect(await overlapOf(all, marac.personId)).toBeUndefined();
    await client.get(`/v1/people/${marac.personId}`, allianceOnly).expect(404);
  });

  it('stops counting a declined MARAC referral as open, as it does for its subject', async () => {
    const boy = { ...child, forenames: 'Ansel', surname: 'Varrow', dateOfBirth: '2006-10-03' };
    const alliance = await refer(allianceReferral({ person: person(boy) }));
    const marac = await naming({ forenames: 'Orla', surname: 'Varrow', dateOfBirth: '1979-01-19' }, boy);
    expect(marac.perpetratorPersonId).toBe(alliance.personId);
    expect(await overlapOf(allianceOnly, alliance.personId)).toBeDefined();

    const declined = await client.post(`/v1/cases/${marac.caseId}/decline`, all, { reason: 'Below threshold' });
    expect(declined.status).toBe(200);
    expect(await overlapOf(allianceOnly, alliance.personId)).toBeUndefined();
    expect(await overlapOf(all, alliance.personId)).toBeUndefined();
    expect((await viewOf(allianceOnly, alliance.personId)).alsoKnownTo).toEqual([
      { panel: 'MARAC', cases: 1, openCases: 0 },
    ]);
  });

  it('shows an IOM nominal named as perpetrator as known to MARAC', async () => {
    const nominal = {
      forenames: 'Garrick',
      surname: 'Thistlewood',
      dateOfBirth: '1984-12-05',
      sex: 'male',
      identifiers: { pnc: syntheticPnc(4417) },
    };
    const iom = await refer(iomReferral({}, { person: person(nominal) }));
    const marac = await naming({ forenames: 'Petra', surname: 'Lindqvist', dateOfBirth: '1986-03-14' }, nominal);
    expect(marac.perpetratorPersonId).toBe(iom.personId);

    expect(await viewOf(iomOnly, iom.personId)).toMatchObject({
      panels: ['IOM', 'MARAC'],
      alsoKnownTo: [{ panel: 'MARAC', cases: 1, openCases: 1 }],
      namedOn: [],
    });
    const overlap = await overlapOf(iomOnly, iom.personId);
    expect(overlap).toEqual({
      personId: iom.personId,
      panels: ['IOM', 'MARAC'],
      cases: [{ caseId: iom.caseId, panel: 'IOM', role: 'subject' }],
    });
    expect(JSON.stringify(overlap)).not.toContain(marac.caseId);
  });
  it('follows merges and restoring splits of the person the referral named', async () => {
    const nominal = {
      forenames: 'Robert',
      surname: 'Penhaligon',
      dateOfBirth: '1979-03-22',
      sex: 'male',
      postcode: 'W3 7QS',
    };
    const marac = await naming({ forenames: 'Wren', surname: 'Adeyemi', dateOfBirth: '1982-06-09' }, nominal);
    const named = marac.perpetratorPersonId ?? '';
    const iom = await refer(
      iomReferral({}, { person: person({ ...nominal, dateOfBirth: '1979-03-23', postcode: 'N1 9GU' }) }),
    );
    expect(iom.personId).not.toBe(named);
    expect(await overlapOf(iomOnly, iom.personId)).toBeUndefined();

    // A person only named on a case is on nobody's panel: only an admin sees the review.
    const reviews = (await client.get('/v1/people/match-reviews?limit=100', admin).expect(200)).body.items as {
      id: string;
      personIds: string[];
    }[];
    const review = reviews.find((r) => r.personIds.includes(iom.personId) && r.personIds.includes(named));
    const reason = { reason: 'Same man: probation confirms the date of birth typo' };
    const confirmed = await client.post(`/v1/people/match-reviews/${review?.id}/confirm`, admin, reason);
    expect(confirmed.body).toMatchObject({ survivorId: named, mergedId: iom.personId });
    expect((await overlapOf(iomOnly, named))?.panels).toEqual(['IOM', 'MARAC']);
    expect((await viewOf(iomOnly, iom.personId)).alsoKnownTo).toEqual([{ panel: 'MARAC', cases: 1, openCases: 1 }]);

    const split = await client.post(`/v1/people/${named}/split`, admin, { ...reason, restore: iom.personId });
    expect(split.status).toBe(200);
    expect(await overlapOf(iomOnly, iom.personId)).toBeUndefined();
    expect(await overlapOf(all, named)).toBeUndefined();
    expect((await viewOf(iomOnly, iom.personId)).alsoKnownTo).toEqual([]);
  });
});
