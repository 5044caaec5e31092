import { rejectedByIom } from './support/iom-cases';
import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson, type MatchReview } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { splitRecordedBefore } from './support/split-recorded-before';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  records: { recordId: string; panel: string | null }[];
}

/**
 * Undoing a split puts each record and case back under the person it was taken from, as merges
 * stand now: never on someone an unmerge has parted it from, and with its person when a merge
 * since is undone. Synthetic people, staff and addresses.
 */
describe('undoing a split puts what it moved back only where it came from', () => {
  const { api, client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    iomOnly: { sub: 'iom-only-restore', roles: ['coordinator'], panels: ['IOM'] },
    admin: { sub: 'admin-restore', roles: ['admin'], panels: [] },
  });
  const queue = async (token: string) =>
    (await client.get('/v1/people/match-reviews?limit=500', token).expect(200)).body.items as MatchReview[];
  const recordsOf = async (id: string, panel: string) =>
    (await client.personView<View>(tokens.admin, id)).records.filter((r) => r.panel === panel).map((r) => r.recordId);
  const split = async (p: string, body: Record<string, unknown>, token = tokens.all) => {
    const answer = await client.post(`/v1/people/${p}/split`, token, body);
    return { status: answer.status, body: answer.body as Record<string, unknown> };
  };
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId;

  /** A MARAC victim whose IOM referral (with a PNC) linked to her, then split off her in error into q. */
  const iomRecordSplitOff = async (her: ReturnType<typeof person>, serial: number) => {
    const marac = await client.refer(tokens.all, maracReferral({ person: her }, { perpetrator: undefined }));
    const iom = await client.refer(
      tokens.all,
      iomReferral(
        {},
        { person: { ...her, identifiers: { pnc: syntheticPnc(serial) } }, referredAt: '2024-05-03T10:00:00Z' },
      ),
    );
    const p = marac.personId;
    expect(iom.personId).toBe(p);
    const off = await split(p, {
      reason: 'IOM nominal is her sister',
      recordIds: await recordsOf(p, 'IOM'),
      caseIds: [iom.caseId],
    });
    expect(off.status).toBe(200);
    return { p, q: off.body.intoPersonId as string, marac, iom };
  };

  it('gives her records back to her once the merge of her into someone else, made after the split, is undone', async () => {
    const s = await client.refer(
      tokens.all,
      iomReferral({}, { person: hollingsworth({ surname: 'Kitto', dateOfBirth: '1979-03-22', postcode: 'W3 7QS' }) }),
    );
    const hers = hollingsworth({ surname: 'Kitto', dateOfBirth: '1979-03-23', postcode: 'N1 9GU' });
    const { p, q, marac, iom } = await iomRecordSplitOff(hers, 7311);
    await confirmedAsOnePerson(client, tokens.all, s.personId, p);

    expect((await split(s.personId, { reason: 'It was her after all', restore: q })).status).toBe(200);
    // While she is merged into s, her IOM case is theirs.
    expect(await holderOf(iom.caseId)).toBe(s.personId);
    expect((await split(s.personId, { reason: 'Merged in error', restore: p })).status).toBe(200);
    expect({ iom: await holderOf(iom.caseId), marac: await holderOf(marac.caseId) }).toEqual({ iom: p, marac: p });
    expect(await recordsOf(s.personId, 'IOM')).toHaveLength(1);
  });

  it('puts a victim unmerged since the split back on herself, never on the man she was split off', async () => {
    const him = await client.refer(
      tokens.all,
      iomReferral(
        {},
        { person: hollingsworth({ surname: 'Trevanion', dateOfBirth: '1982-07-14', postcode: 'SE5 8RT' }) },
      ),
    );
    const her = await client.refer(
      tokens.all,
      maracReferral(
        {
          person: hollingsworth({
            surname: 'Trevanion',
            dateOfBirth: '1982-07-15',
            postcode: 'N7 6PL',
            address: '3 Synthetic Refuge Road',
          }),
        },
        { perpetrator: undefined },
      ),
    );
    await confirmedAsOnePerson(client, tokens.all, him.personId, her.personId);
    const p = him.personId;
    const off = await split(p, {
      reason: 'Her MARAC record is not his',
      recordIds: await recordsOf(p, 'MARAC'),
      caseIds: [her.caseId],
    });
    expect(off.status).toBe(200);
    const q = off.body.intoPersonId as string;
    expect((await split(p, { reason: 'Merged in error', restore: her.personId }, tokens.admin)).status).toBe(200);

    const restored = await split(p, { reason: 'Split in error', restore: q });
    expect(restored).toMatchObject({ status: 200, body: { personId: q, returnedTo: [her.personId] } });
    expect(await holderOf(her.caseId)).toBe(her.personId);
    expect({ his: await recordsOf(p, 'MARAC'), hers: await recordsOf(her.personId, 'MARAC') }).toEqual({
      his: [],
      hers: [expect.any(String)],
    });
    // Restored once, there is nothing left to restore: one answer for every caller.
    for (const token of [tokens.all, tokens.iomOnly, tokens.admin])
      expect(await split(p, { reason: 'Split in error', restore: q }, token)).toMatchObject({
        status: 409,
        body: { rule: 'person-holds-nothing' },
      });
  });

  it('keeps proposals about a person left holding a case but no record', async () => {
    const details = (dateOfBirth: string, postcode: string) =>
      hollingsworth({ surname: 'Tregenza', dateOfBirth, postcode });
    const s = await client.refer(tokens.all, iomReferral({}, { person: details('1975-06-10', 'E5 0LL') }));
    await rejectedByIom(client, tokens.all, s.caseId);
    const again = await client.refer(
      tokens.all,
      iomReferral({}, { person: details('1975-06-10', 'E5 0LL'), referredAt: '2024-03-20T10:00:00Z' }),
    );
    expect(again.personId).toBe(s.personId);
    const p = await client.refer(
      tokens.all,
      iomReferral({}, { person: details('1975-06-11', 'N4 2DD'), referredAt: '2024-04-01T10:00:00Z' }),
    );
    const x = await client.refer(
      tokens.all,
      iomReferral({}, { person: details('1975-06-12', 'SE1 7PB'), referredAt: '2024-04-05T10:00:00Z' }),
    );
    await confirmedAsOnePerson(client, tokens.all, s.personId, p.personId);
    // Her own two records go with her first case; the second case stays on s, with no record. A case
    // now moves with its referral's record (400 case-with-its-record), but a split recorded before did this.
    const ownRecords = (await recordsOf(s.personId, 'IOM')).filter((id) => id !== p.personId);
    const moved = { recordIds: ownRecords, caseIds: [s.caseId] };
    expect(await split(s.personId, { reason: 'Registration was someone else', ...moved })).toMatchObject({
      status: 400,
      body: { rule: 'case-with-its-record' },
    });
    await splitRecordedBefore(api, s.personId, moved);
    expect((await split(s.personId, { reason: 'Merged in error', restore: p.personId }, tokens.admin)).status).toBe(
      200,
    );
    expect(await recordsOf(s.personId, 'IOM')).toEqual([]);
    expect(await holderOf(again.caseId)).toBe(s.personId);

    const aboutS = (await queue(tokens.admin)).filter((r) => r.personIds.includes(s.personId));
    expect(aboutS.map((r) => [...r.personIds].sort())).toEqual([[s.personId, x.personId].sort()]);
  });

  it('refuses a perpetrator split-off that a later referral linked another record to (400), moving nothing', async () => {
    const child = {
      forenames: 'Kenver',
      surname: 'Trebilcock',
      dateOfBirth: '2007-03-21',
      sex: 'male',
      postcode: 'N15 4QZ',
    };
    const alliance = await client.refer(tokens.all, allianceReferral({ person: person(child) }));
    const perpetrator = { ...child, identifiers: { pnc: syntheticPnc(7411) } };
    const victim = (forenames: string) =>
      maracReferral(
        { person: person({ forenames, surname: 'Trebilcock', dateOfBirth: '1975-11-02' }) },
        { perpetrator, relationshipToVictim: 'ex-partner' },
      );
    expect((await client.refer(tokens.all, victim('Morwenna'))).perpetratorPersonId).toBe(alliance.personId);
    const off = await split(alliance.personId, {
      reason: 'not this child',
      recordIds: await recordsOf(alliance.personId, 'MARAC'),
    });
    expect(off.status).toBe(200);
    const q = off.body.intoPersonId as string;
    const second = await client.refer(tokens.all, victim('Lowenna'));
    expect(second.perpetratorPersonId).toBe(q);

    const refused = await split(alliance.personId, { reason: 'it was him', restore: q });
    expect(refused).toMatchObject({ status: 400, body: { rule: 'restore-only-perpetrator-records' } });
    expect(await recordsOf(q, 'MARAC')).toHaveLength(2);
    expect(await recordsOf(alliance.personId, 'MARAC')).toHaveLength(0);
  });

  it('drops a proposal about the split-off person once the restore leaves them holding nothing', async () => {
    const her = person({ forenames: 'Keziah', surname: 'Penhallow', dateOfBirth: '1991-05-05', postcode: 'E8 3QT' });
    const { p, q } = await iomRecordSplitOff(her, 7501);
    // A review-band match while the IOM record sat with q: date of birth one digit off, elsewhere.
    const x = await client.refer(
      tokens.all,
      iomReferral(
        {},
        { person: { ...her, dateOfBirth: '1991-05-06', postcode: 'N1 9GU' }, referredAt: '2024-06-03T10:00:00Z' },
      ),
    );
    const pairsWithX = async (token: string) =>
      (await queue(token)).filter((r) => r.personIds.includes(x.personId)).map((r) => [...r.personIds].sort());
    expect(await pairsWithX(tokens.admin)).toEqual(
      expect.arrayContaining([[p, x.personId].sort(), [q, x.personId].sort()]),
    );

    expect((await split(p, { reason: 'It was her', restore: q })).status).toBe(200);
    // q stands for nobody now: merging x with q would merge x with no record at all.
    const onlyP = [[p, x.personId].sort()];
    expect({ admin: await pairsWithX(tokens.admin), coordinator: await pairsWithX(tokens.all) }).toEqual({
      admin: onlyP,
      coordinator: onlyP,
    });
  });

  it('refuses a coordinator restoring what they may not see without naming its panel, records or case (403)', async () => {
    const her = person({ forenames: 'Tegen', surname: 'Rowe', dateOfBirth: '1990-02-02', postcode: 'E9 5AA' });
    const iom = await client.refer(
      tokens.all,
      iomReferral({}, { person: { ...her, identifiers: { pnc: syntheticPnc(7502) } } }),
    );
    const marac = await client.refer(
      tokens.all,
      maracReferral({ person: her, referredAt: '2024-05-03T10:00:00Z' }, { perpetrator: undefined }),
    );
    const p = iom.personId;
    expect(marac.personId).toBe(p);
    const off = await split(p, {
      reason: 'MARAC victim is another woman',
      recordIds: await recordsOf(p, 'MARAC'),
      caseIds: [marac.caseId],
    });
    const q = off.body.intoPersonId as string;
    await client.get(`/v1/people/${q}`, tokens.iomOnly).expect(404);

    const refused = await split(p, { reason: 'Split in error', restore: q }, tokens.iomOnly);
    expect(refused).toMatchObject({ status: 403, body: { rule: 'split-within-your-panels' } });
    const said = JSON.stringify(refused.body);
    for (const hidden of ['MARAC', marac.caseId, ...(await recordsOf(q, 'MARAC'))]) expect(said).not.toContain(hidden);
    // Someone neither merged into nor split off this person is an id no one has.
    const stranger = await split(
      p,
      { reason: 'Split in error', restore: '4f1c2a9e-1111-4222-8333-944455556666' },
      tokens.iomOnly,
    );
    expect(stranger).toMatchObject({ status: 400, body: { rule: 'restore-a-person-merged-into-this-one' } });
    expect(await holderOf(marac.caseId)).toBe(q);
  });
});
