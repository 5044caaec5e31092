import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  mergedInto?: string;
  identifiers: { pnc?: string[]; nhs?: string[] };
  records: { recordId: string; caseId?: string }[];
}

/**
 * A MARAC victim and an IOM nominal of one name, born three days apart, confirmed as one woman in
 * error. What reached the merged woman meanwhile is sorted between the two when the merge is
 * undone: records that carry one PNC ID must never be parted silently, one carrying an identifier
 * of each woman is never placed by score, and someone merged in who holds nothing by then is no
 * question for a reviewer. Synthetic people, staff and addresses; each
 * test its own forename and birth year, as the matcher links women of one forename and birthday.
 */
describe('undoing a merge keeps together what carries one identifier', () => {
  const { client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    admin: { sub: 'admin-shared-identifiers', roles: ['admin'], panels: [] },
  });
  const twoWomen = (forenames: string, year: number, surname: string, n: number) => ({
    victim: person({
      forenames,
      surname,
      dateOfBirth: `${year}-03-14`,
      sex: 'female',
      postcode: `N1${n} 4QT`,
      address: '3 Synthetic Refuge Road',
    }),
    nominal: (details: Record<string, unknown>) =>
      person({ forenames, dateOfBirth: `${year}-03-17`, sex: 'female', ...details }),
  });
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const viewOf = (personId: string) => client.personView<View>(tokens.admin, personId);
  const recordOf = async (personId: string, caseId: string) =>
    (await viewOf(personId)).records.find((r) => r.caseId === caseId)?.recordId;
  const restore = (survivor: string, body: Record<string, unknown>) =>
    client.post(`/v1/people/${survivor}/split`, tokens.all, { reason: 'Two women', ...body });

  it('asks the reviewer about two records of one PNC ID that score with different women, rather than giving each woman one', async () => {
    const pnc = syntheticPnc(7717);
    const { victim, nominal } = twoWomen('Magdalena', 1979, 'Wisniewska', 6);
    const herHome = nominal({ surname: 'Wisniewska', postcode: 'SE2 1AA', address: '2 Synthetic High Street' });
    const v = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    const n = await client.refer(tokens.all, iomReferral({}, { person: herHome }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    // While they are one, two MAPPA referrals give the PNC ID the merged record shows: one with
    // the nominal's details, one with the victim's (copied from the merged record).
    const r1 = await client.refer(tokens.all, mappaReferral({ ...herHome, identifiers: { pnc } }));
    const r2 = await client.refer(
      tokens.all,
      mappaReferral({ ...victim, identifiers: { pnc } }, '2024-06-03T10:00:00Z'),
    );
    expect([r1.personId, r2.personId]).toEqual([v.personId, v.personId]);
    const records = [await recordOf(v.personId, r1.caseId), await recordOf(v.personId, r2.caseId)];

    const asked = await restore(v.personId, { restore: n.personId });

    expect({ status: asked.status, rule: asked.body.rule }).toEqual({
      status: 409,
      rule: 'records-linked-while-merged',
    });
    expect((asked.body.errors as { field: string; message: string }[]).map((e) => e.field)).toEqual([
      'recordIds',
      'recordIds',
    ]);
    for (const [i, recordId] of records.entries())
      expect(asked.body.message).toContain(`record ${String(recordId)} (case ${[r1, r2][i]?.caseId})`);
    expect(asked.body.message).toContain('carry one valid identifier');
    // Refused, nothing was recorded: the two are still one.
    expect(await holderOf(n.caseId)).toBe(v.personId);

    const decided = await restore(v.personId, { restore: n.personId, caseIds: [r1.caseId, r2.caseId] });
    expect(decided.status).toBe(200);
    expect({ r1: await holderOf(r1.caseId), r2: await holderOf(r2.caseId) }).toEqual({
      r1: n.personId,
      r2: n.personId,
    });
    expect((await viewOf(v.personId)).identifiers.pnc ?? []).toEqual([]);
    // Her PNC ID is on one person only, so her next referral with it is hers, not a new person.
    const later = await client.refer(
      tokens.all,
      mappaReferral(
        { ...herHome, postcode: 'SE9 9ZZ', address: '8 New Street', identifiers: { pnc } },
        '2024-08-03T10:00:00Z',
      ),
    );
    expect(later.personId).toBe(n.personId);
  });

  it('asks the reviewer about a record carrying the nominal’s PNC ID and the victim’s NHS number, naming the kinds', async () => {
    const pnc = syntheticPnc(7733);
    const nhs = '9990000018';
    const { victim, nominal } = twoWomen('Wieslawa', 1977, 'Zielinska', 7);
    const herHome = nominal({ surname: 'Zielinska', postcode: 'SE2 1AA', address: '2 Synthetic High Street' });
    const v = await client.refer(
      tokens.all,
      maracReferral({ person: { ...victim, identifiers: { nhsNumber: nhs } } }, { perpetrator: undefined }),
    );
    const n = await client.refer(tokens.all, iomReferral({}, { person: { ...herHome, identifiers: { pnc } } }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    // Her details and PNC ID, and the NHS number the merged record showed: the victim's.
    const r = await client.refer(tokens.all, mappaReferral({ ...herHome, identifiers: { pnc, nhsNumber: nhs } }));
    expect(r.personId).toBe(v.personId);
    const recordId = await recordOf(v.personId, r.caseId);

    const asked = await restore(v.personId, { restore: n.personId });

    expect({ status: asked.status, rule: asked.body.rule }).toEqual({
      status: 409,
      rule: 'records-linked-while-merged',
    });
    const kinds = `pnc of ${n.personId}, nhsNumber of this person`;
    expect(asked.body.message).toContain(`record ${String(recordId)} (case ${r.caseId}) carries`);
    expect(asked.body.message).toContain(kinds);
    expect(asked.body.errors).toEqual([
      expect.objectContaining({ field: 'recordIds', message: expect.stringContaining(kinds) }),
    ]);
    expect(await holderOf(n.caseId)).toBe(v.personId);

    // The reviewer says whose it is.
    const decided = await restore(v.personId, { restore: n.personId, recordIds: [] });
    expect({ status: decided.status, linkedWhileMerged: decided.body.linkedWhileMerged }).toEqual({
      status: 200,
      linkedWhileMerged: [{ recordId, caseId: r.caseId, to: v.personId, by: 'reviewer' }],
    });
  });

  it('leaves someone merged in meanwhile who holds nothing now with the survivor, without asking anyone', async () => {
    const pnc = syntheticPnc(8121);
    const { victim, nominal } = twoWomen('Agnieszka', 1959, 'Sawbridge', 8);
    const v = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    const n = await client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          person: nominal({
            surname: 'Sawbridge',
            postcode: 'SE4 1AA',
            address: '4 Synthetic High Street',
            identifiers: { pnc },
          }),
        },
      ),
    );
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman');
    // Her MAPPA record, proposed with her on name and a birth date one digit off; with her PNC ID it could not be
    // split off alone (records of one PNC ID move together).
    const maiden = nominal({
      surname: 'Sawbridge',
      dateOfBirth: '1959-03-24',
      postcode: 'E2 6AN',
      address: '5 Synthetic Lane',
    });
    const c = await client.refer(tokens.all, mappaReferral(maiden));
    await confirmedAsOnePerson(client, tokens.all, v.personId, c.personId, 'Her MAPPA record');
    // Her MAPPA record and case are split off to someone new: the person merged in holds nothing.
    const mappaRecords = (await viewOf(v.personId)).records.filter((r) => r.caseId === c.caseId);
    const split = await client.post(`/v1/people/${v.personId}/split`, tokens.all, {
      reason: 'The MAPPA record is someone else',
      recordIds: mappaRecords.map((r) => r.recordId),
      caseIds: [c.caseId],
    });
    expect(split.status).toBe(200);
    const splitOff = await holderOf(c.caseId);

    const restored = await restore(v.personId, { restore: n.personId });

    expect({ status: restored.status, mergedWhileOne: restored.body.mergedWhileOne }).toEqual({
      status: 200,
      mergedWhileOne: [{ personId: c.personId, to: v.personId, by: 'holds-nothing' }],
    });
    expect({
      iom: await holderOf(n.caseId),
      marac: await holderOf(v.caseId),
      mappa: await holderOf(c.caseId),
    }).toEqual({ iom: n.personId, marac: v.personId, mappa: splitOff });
    expect((await viewOf(c.personId)).mergedInto).toBe(v.personId);
  });
});
