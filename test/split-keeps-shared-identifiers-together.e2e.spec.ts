import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  identifiers: { pnc?: string[] };
  records: { recordId: string; caseId?: string }[];
}

interface Problem {
  status: number;
  body: { rule?: string; message?: string; errors?: { field: string; rule: string; message: string }[] };
}

/**
 * One PNC ID (CRO, NHS number, NOMS, CRN) is one person's: a split that leaves it on records on
 * both sides puts it on two people, and the matcher then links their next referral to neither.
 * The split is refused, naming the kind and the records that go together, never the value.
 * Synthetic people, staff and addresses; each test its own forename and birth year.
 */
describe('a split keeps together the records that carry one identifier', () => {
  const { client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    admin: { sub: 'admin-split-identifiers', roles: ['admin'], panels: [] },
  });
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const viewOf = (personId: string) => client.personView<View>(tokens.admin, personId);
  const recordOf = async (personId: string, caseId: string) =>
    (await viewOf(personId)).records.find((r) => r.caseId === caseId)?.recordId as string;
  const split = (personId: string, body: Record<string, unknown>) =>
    client.post(`/v1/people/${personId}/split`, tokens.all, { reason: 'Not one person', ...body });
  const refusal = ({ status, body }: Problem) => ({ status, rule: body.rule });

  it('refuses to move one of two records of one PNC ID to a new person, naming the kind and both records', async () => {
    const pnc = syntheticPnc(7741);
    const her = person({ forenames: 'Tamsin', surname: 'Quiller', dateOfBirth: '1986-02-11', postcode: 'E8 3QT' });
    const marac = await client.refer(tokens.all, maracReferral({ person: her }, { perpetrator: undefined }));
    const iom = await client.refer(
      tokens.all,
      iomReferral({}, { person: { ...her, identifiers: { pnc } }, referredAt: '2024-05-03T10:00:00Z' }),
    );
    const mappa = await client.refer(tokens.all, mappaReferral({ ...her, identifiers: { pnc } }));
    const p = marac.personId;
    expect([iom.personId, mappa.personId]).toEqual([p, p]);
    const [iomRecord, mappaRecord] = [await recordOf(p, iom.caseId), await recordOf(p, mappa.caseId)];

    const refused = (await split(p, { recordIds: [mappaRecord], caseIds: [mappa.caseId] })) as Problem;

    expect(refusal(refused)).toEqual({ status: 409, rule: 'records-share-an-identifier' });
    expect(refused.body.message).toContain('pnc');
    for (const recordId of [iomRecord, mappaRecord]) expect(refused.body.message).toContain(recordId);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'recordIds', rule: 'records-share-an-identifier' }),
    ]);
    // The value is personal data: the refusal names its kind only.
    expect(JSON.stringify(refused.body)).not.toContain(pnc);
    expect(await holderOf(mappa.caseId)).toBe(p);

    // The whole group moves: her MARAC record stays, the PNC ID is on one person only.
    const moved = await split(p, {
      recordIds: [iomRecord, mappaRecord],
      caseIds: [iom.caseId, mappa.caseId],
    });
    expect(moved.status).toBe(200);
    const other = moved.body.intoPersonId as string;
    expect({ iom: await holderOf(iom.caseId), mappa: await holderOf(mappa.caseId) }).toEqual({
      iom: other,
      mappa: other,
    });
    expect((await viewOf(p)).identifiers.pnc ?? []).toEqual([]);
  });

  it('refuses a restore whose reviewer names one of two records of one PNC ID, and takes both when both are named', async () => {
    const pnc = syntheticPnc(7759);
    const victim = person({
      forenames: 'Zofia',
      surname: 'Kaminska',
      dateOfBirth: '1981-03-14',
      sex: 'female',
      postcode: 'N16 4QT',
      address: '3 Synthetic Refuge Road',
    });
    const herHome = person({
      forenames: 'Zofia',
      surname: 'Kaminska',
      dateOfBirth: '1981-03-17',
      sex: 'female',
      postcode: 'SE2 1AA',
      address: '2 Synthetic High Street',
    });
    const v = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    const n = await client.refer(tokens.all, iomReferral({}, { person: herHome }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    // While they are one, two MAPPA referrals carry one PNC ID, one with each woman's details:
    // the matcher places neither, so the restore asks the reviewer.
    const r1 = await client.refer(tokens.all, mappaReferral({ ...herHome, identifiers: { pnc } }));
    const r2 = await client.refer(
      tokens.all,
      mappaReferral({ ...victim, identifiers: { pnc } }, '2024-06-03T10:00:00Z'),
    );
    expect([r1.personId, r2.personId]).toEqual([v.personId, v.personId]);
    const records = [await recordOf(v.personId, r1.caseId), await recordOf(v.personId, r2.caseId)];
    const restore = (body: Record<string, unknown>) => split(v.personId, { restore: n.personId, ...body });
    expect(refusal((await restore({})) as Problem)).toEqual({ status: 409, rule: 'records-linked-while-merged' });

    const refused = (await restore({ caseIds: [r1.caseId] })) as Problem;

    expect(refusal(refused)).toEqual({ status: 409, rule: 'records-share-an-identifier' });
    expect(refused.body.message).toContain('pnc');
    for (const recordId of records) expect(refused.body.message).toContain(recordId);
    expect(JSON.stringify(refused.body)).not.toContain(pnc);
    // Nothing was recorded: the two women are still one.
    expect(await holderOf(n.caseId)).toBe(v.personId);

    expect((await restore({ caseIds: [r1.caseId, r2.caseId] })).status).toBe(200);
    expect({ r1: await holderOf(r1.caseId), r2: await holderOf(r2.caseId), iom: await holderOf(n.caseId) }).toEqual({
      r1: n.personId,
      r2: n.personId,
      iom: n.personId,
    });
  });
});
