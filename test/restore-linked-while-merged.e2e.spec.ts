import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  records: { recordId: string; caseId?: string }[];
  alsoKnownTo: { panel: string }[];
  datesOfBirth: string[];
}

/**
 * A MARAC victim and an IOM nominal of one name, born three days apart, confirmed as one woman in
 * error. Referrals made while the two were one linked to the survivor; undoing the merge must give
 * each woman hers. Synthetic people, staff and addresses.
 */
describe('undoing a merge gives each person the referrals made while the two were one', () => {
  const { client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    iom: { sub: 'iom-only-unmerge', roles: ['coordinator'], panels: ['IOM'] },
    marac: { sub: 'marac-only-unmerge', roles: ['coordinator'], panels: ['MARAC'] },
    admin: { sub: 'admin-unmerge', roles: ['admin'], panels: [] },
  });
  const victimOf = (surname: string) =>
    person({
      forenames: 'Natalia',
      surname,
      dateOfBirth: '1989-03-14',
      sex: 'female',
      postcode: 'N15 4QT',
      address: '3 Synthetic Refuge Road',
    });
  const nominalOf = (surname: string, serial: number) =>
    person({
      forenames: 'Natalia',
      surname,
      dateOfBirth: '1989-03-17',
      sex: 'female',
      postcode: 'SE1 1AA',
      address: '1 Synthetic High Street',
      identifiers: { pnc: syntheticPnc(serial) },
    });
  const secondRefuge = { postcode: 'NW10 1AA', address: '9 Synthetic Refuge Road' };
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const recordOf = async (personId: string, caseId: string) =>
    (await client.personView<View>(tokens.admin, personId)).records.find((r) => r.caseId === caseId)?.recordId;
  const restore = (survivor: string, token: string, body: Record<string, unknown>) =>
    client.post(`/v1/people/${survivor}/split`, token, { reason: 'Two women: the PNC is the nominal’s', ...body });

  it('gives the nominal back her IOM and MAPPA referrals and her perpetrator naming, restored by an IOM coordinator', async () => {
    const victim = victimOf('Kowalczyk');
    const nominal = nominalOf('Kowalczyk', 6201);
    const v = await client.refer(tokens.marac, maracReferral({ person: victim }, { perpetrator: undefined }));
    const n = await client.refer(tokens.iom, iomReferral({}, { person: nominal }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    // While they are one: the nominal's IOM case is rejected and she is referred again, and to
    // MAPPA; another woman's MARAC referral names her; the victim is referred again from a refuge.
    const rejected = await client.post(`/v1/cases/${n.caseId}/iom/reject`, tokens.iom, {
      category: 'not-suitable',
      reason: 'Not suitable at present',
    });
    expect(rejected.status).toBe(200);
    const iom2 = await client.refer(
      tokens.iom,
      iomReferral({}, { person: nominal, referredAt: '2024-06-01T10:00:00Z' }),
    );
    const mappa = await client.refer(tokens.all, mappaReferral(nominal, '2024-06-02T10:00:00Z'));
    const marac2 = await client.refer(
      tokens.marac,
      maracReferral(
        { referredAt: '2024-06-03T09:00:00Z', person: { ...victim, ...secondRefuge } },
        { perpetrator: undefined },
      ),
    );
    const naming = await client.refer(
      tokens.marac,
      maracReferral(
        {
          referredAt: '2024-06-04T09:00:00Z',
          person: person({ forenames: 'Ivy', surname: 'Okonedo', dateOfBirth: '1970-01-01', postcode: 'E2 7AA' }),
        },
        { perpetrator: nominal },
      ),
    );
    const all = [iom2.personId, mappa.personId, marac2.personId, naming.perpetratorPersonId];
    expect(all).toEqual([v.personId, v.personId, v.personId, v.personId]);
    const iom2Record = await recordOf(v.personId, iom2.caseId);

    const restored = await restore(v.personId, tokens.iom, { restore: n.personId });

    expect({
      iom2: await holderOf(iom2.caseId),
      mappa: await holderOf(mappa.caseId),
      marac2: await holderOf(marac2.caseId),
    }).toEqual({ iom2: n.personId, mappa: n.personId, marac2: v.personId });
    // The answer names only what an IOM coordinator may see; the rest is sorted all the same.
    expect({ status: restored.status, linkedWhileMerged: restored.body.linkedWhileMerged }).toEqual({
      status: 200,
      linkedWhileMerged: [{ recordId: iom2Record, caseId: iom2.caseId, to: n.personId, by: 'identifier' }],
    });
    const named = await client.get(`/v1/cases/${naming.caseId}`, tokens.marac).expect(200);
    expect(named.body.perpetrator?.personId).toBe(n.personId);
    // The IOM panel no longer sees the victim, and the nominal has one open IOM case.
    expect((await client.get(`/v1/people/${v.personId}`, tokens.iom)).status).toBe(404);
    const again = await client.post(
      '/v1/referrals',
      tokens.iom,
      iomReferral({}, { person: nominal, referredAt: '2024-07-01T10:00:00Z' }),
    );
    expect({ status: again.status, rule: again.body.rule }).toEqual({ status: 409, rule: 'one-open-case-per-person' });
  });

  it('gives the victim back her repeat referral from a new refuge when she was merged into the nominal', async () => {
    const victim = victimOf('Wisniewska');
    const nominal = nominalOf('Wisniewska', 6301);
    const n = await client.refer(tokens.iom, iomReferral({}, { person: nominal }));
    const v = await client.refer(tokens.marac, maracReferral({ person: victim }, { perpetrator: undefined }));
    await confirmedAsOnePerson(client, tokens.all, n.personId, v.personId, 'One woman who moved house');
    const atRefuge = { ...victim, ...secondRefuge };
    const marac2 = await client.refer(
      tokens.marac,
      maracReferral({ referredAt: '2024-07-01T09:00:00Z', person: atRefuge }, { perpetrator: undefined }),
    );
    expect(marac2.personId).toBe(n.personId);
    const marac2Record = await recordOf(n.personId, marac2.caseId);

    const restored = await restore(n.personId, tokens.marac, { restore: v.personId });

    const tracker = (await client.get('/v1/panels/MARAC/cohort?limit=500', tokens.marac).expect(200)).body.items as {
      caseId: string;
      personId: string;
      marac: { repeat: boolean };
    }[];
    expect(tracker.find((item) => item.caseId === marac2.caseId)).toMatchObject({
      personId: v.personId,
      marac: { repeat: true },
    });
    expect({ status: restored.status, linkedWhileMerged: restored.body.linkedWhileMerged }).toEqual({
      status: 200,
      linkedWhileMerged: [{ recordId: marac2Record, caseId: marac2.caseId, to: v.personId, by: 'score' }],
    });
    const seenByIom = await client.personView<View>(tokens.iom, n.personId);
    expect({ markers: seenByIom.alsoKnownTo, born: seenByIom.datesOfBirth }).toEqual({
      markers: [],
      born: ['1989-03-17'],
    });
    // Matching follows the restore too: her next referral from that refuge is hers, and a repeat.
    const marac3 = await client.post(
      '/v1/referrals',
      tokens.marac,
      maracReferral({ referredAt: '2024-08-01T09:00:00Z', person: atRefuge }, { perpetrator: undefined }),
    );
    expect({ status: marac3.status, personId: marac3.body.personId, repeat: marac3.body.repeat }).toEqual({
      status: 201,
      personId: v.personId,
      repeat: true,
    });
  });

  it('asks the reviewer where a referral that fits both alike goes, naming it only to those who may see it', async () => {
    const victim = victimOf('Zielinska');
    const nominal = nominalOf('Zielinska', 6401);
    const v = await client.refer(tokens.marac, maracReferral({ person: victim }, { perpetrator: undefined }));
    const n = await client.refer(tokens.iom, iomReferral({}, { person: nominal }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    // No address, no identifier, a birthday one digit off each of theirs.
    const between = person({ ...victim, dateOfBirth: '1989-03-15', postcode: undefined, address: undefined });
    const mappa = await client.refer(tokens.all, mappaReferral(between, '2024-06-02T10:00:00Z'));
    expect(mappa.personId).toBe(v.personId);
    const mappaRecord = await recordOf(v.personId, mappa.caseId);

    const byIom = await restore(v.personId, tokens.iom, { restore: n.personId, recordIds: [] });
    expect({ status: byIom.status, rule: byIom.body.rule }).toEqual({
      status: 409,
      rule: 'records-linked-while-merged',
    });
    expect(JSON.stringify(byIom.body)).not.toMatch(new RegExp(`${mappa.caseId}|${String(mappaRecord)}`));
    const plain = await restore(v.personId, tokens.all, { restore: n.personId });
    expect({ status: plain.status, rule: plain.body.rule }).toEqual({
      status: 409,
      rule: 'records-linked-while-merged',
    });
    expect(plain.body.message).toContain(`record ${String(mappaRecord)} (case ${mappa.caseId})`);
    // Refused, nothing was recorded: the two are still one.
    expect(await holderOf(n.caseId)).toBe(v.personId);

    const decided = await restore(v.personId, tokens.all, { restore: n.personId, caseIds: [mappa.caseId] });
    expect({ status: decided.status, linkedWhileMerged: decided.body.linkedWhileMerged }).toEqual({
      status: 200,
      linkedWhileMerged: [{ recordId: mappaRecord, caseId: mappa.caseId, to: n.personId, by: 'reviewer' }],
    });
    expect({ n: await holderOf(n.caseId), mappa: await holderOf(mappa.caseId) }).toEqual({
      n: n.personId,
      mappa: n.personId,
    });
  });
});
