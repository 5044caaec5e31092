import type { Response } from 'supertest';
import { allianceReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface PersonView {
  personId: string;
  panels: string[];
  alsoKnownTo: { panel: string }[];
  namedOn: { caseId: string; panel: string; role: string }[];
  cases: { caseId: string }[];
  records: { recordId: string; panel: string | null }[];
}
interface Overlap {
  personId: string;
  cases: { caseId: string; role: string }[];
}

/**
 * A MARAC referral's perpetrator wrongly linked to someone another panel holds (here an Alliance
 * child) must come off that person on its own: the MARAC case is the victim's, so the perpetrator
 * has no case to take along, and moving the Alliance child's record and case away instead would
 * be the wrong way round. Synthetic people only.
 */
describe("splitting a MARAC perpetrator's record off the person it was wrongly linked to", () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    marac: { sub: 'marac-alliance-c', roles: ['coordinator'], panels: ['MARAC', 'ALLIANCE'] },
    allianceOnly: { sub: 'alliance-c', roles: ['coordinator'], panels: ['ALLIANCE'] },
    admin: { sub: 'admin-c', roles: ['admin'], panels: [] },
  });

  const refer = (body: unknown) => client.refer(tokens.all, body);
  const viewOf = (token: string, personId: string) => client.personView<PersonView>(token, personId);
  const overlapOf = async (token: string, personId: string) =>
    ((await client.get('/v1/people/overlaps', token).expect(200)).body.items as Overlap[]).find(
      (o) => o.personId === personId,
    );
  const expectAnswer = (response: Response, status: number, body: Record<string, unknown>) =>
    expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.objectContaining(body) });

  /** An Alliance child, then a MARAC referral naming him as perpetrator: his record links to the child. */
  const wronglyLinked = async (forenames: string, surname: string, dateOfBirth: string) => {
    const child = { forenames, surname, dateOfBirth, sex: 'male', postcode: 'N15 4QZ' };
    const alliance = await refer(allianceReferral({ person: person(child) }));
    const marac = await refer(
      maracReferral(
        { person: person({ forenames: 'Morwenna', surname, dateOfBirth: '1975-11-02' }) },
        { perpetrator: child, relationshipToVictim: 'ex-partner' },
      ),
    );
    expect(marac.perpetratorPersonId).toBe(alliance.personId);
    const record = (await viewOf(tokens.all, alliance.personId)).records.find((r) => r.panel === 'MARAC');
    return { alliance, marac, recordId: record?.recordId ?? '' };
  };

  it("moves the record and the case's perpetrator naming to a new person, for MARAC only, and restore puts them back", async () => {
    const { alliance, marac, recordId } = await wronglyLinked('Kenver', 'Trebilcock', '2007-03-21');
    const url = `/v1/people/${alliance.personId}/split`;
    const reason = 'The man MARAC names is not this child: different date of birth on the police log';

    expectAnswer(await client.post(url, tokens.allianceOnly, { reason, recordIds: [recordId] }), 403, {
      rule: 'split-within-your-panels',
    });
    const split = await client.post(url, tokens.marac, { reason, recordIds: [recordId] });
    expect({ status: split.status, body: split.body }).toEqual({
      status: 200,
      body: { personId: alliance.personId, intoPersonId: expect.any(String), position: expect.any(Number) },
    });
    const perpetrator = split.body.intoPersonId as string;

    const child = await viewOf(tokens.allianceOnly, alliance.personId);
    expect(child).toMatchObject({ panels: ['ALLIANCE'], alsoKnownTo: [], namedOn: [] });
    expect(child.records.map((r) => r.panel)).toEqual(['ALLIANCE']);
    expect(await overlapOf(tokens.all, alliance.personId)).toBeUndefined();

    const named = await viewOf(tokens.admin, perpetrator);
    expect(named).toMatchObject({
      panels: ['MARAC'],
      cases: [],
      namedOn: [{ caseId: marac.caseId, panel: 'MARAC', role: 'perpetrator' }],
    });
    expect(named.records.map((r) => r.recordId)).toEqual([recordId]);
    // Nothing about the victim changes: her case stays hers.
    expect((await viewOf(tokens.marac, marac.personId)).cases.map((c) => c.caseId)).toEqual([marac.caseId]);

    const back = { reason: 'Police confirm it was this child after all', restore: perpetrator };
    expectAnswer(await client.post(url, tokens.allianceOnly, back), 403, { rule: 'split-within-your-panels' });
    const restored = await client.post(url, tokens.marac, back);
    expect({ status: restored.status, body: restored.body }).toMatchObject({ status: 200 });

    expect(await viewOf(tokens.allianceOnly, alliance.personId)).toMatchObject({
      panels: ['ALLIANCE', 'MARAC'],
      alsoKnownTo: [{ panel: 'MARAC' }],
    });
    expect((await viewOf(tokens.marac, alliance.personId)).namedOn).toEqual([
      expect.objectContaining({ caseId: marac.caseId, role: 'perpetrator' }),
    ]);
    expect((await overlapOf(tokens.marac, alliance.personId))?.cases).toContainEqual({
      caseId: marac.caseId,
      panel: 'MARAC',
      role: 'perpetrator',
    });
    expect((await viewOf(tokens.admin, perpetrator)).namedOn).toEqual([]);
  });

  it('still needs a case for a new person given any record a MARAC referral did not bring in for its perpetrator', async () => {
    const { alliance, recordId } = await wronglyLinked('Jago', 'Penhallow', '2006-08-09');
    const second = await refer(
      allianceReferral({
        person: person({ forenames: 'Jago', surname: 'Penhallow', dateOfBirth: '2006-08-09', sex: 'male' }),
      }),
    );
    expect(second.personId).toBe(alliance.personId);
    const records = (await viewOf(tokens.all, alliance.personId)).records.map((r) => r.recordId);
    const allianceRecord = records.find((id) => id !== recordId && id !== alliance.personId);
    const answer = await client.post(`/v1/people/${alliance.personId}/split`, tokens.all, {
      reason: 'Two different boys',
      recordIds: [recordId, allianceRecord],
    });
    expectAnswer(answer, 400, { rule: 'new-person-needs-a-case' });
  });

  it('restores only a person split off this one', async () => {
    const { alliance, recordId } = await wronglyLinked('Tristan', 'Carveth', '2008-01-30');
    const other = await wronglyLinked('Tristan', 'Roskilly', '2005-05-05');
    const split = await client.post(`/v1/people/${other.alliance.personId}/split`, tokens.marac, {
      reason: 'Not this child',
      recordIds: [other.recordId],
    });
    expect(split.status).toBe(200);
    const answer = await client.post(`/v1/people/${alliance.personId}/split`, tokens.marac, {
      reason: 'Wrong person',
      restore: split.body.intoPersonId,
    });
    expectAnswer(answer, 400, { rule: 'restore-a-person-merged-into-this-one' });
    expect((await viewOf(tokens.all, alliance.personId)).records.map((r) => r.recordId)).toContain(recordId);
  });
});
