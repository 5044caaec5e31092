import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson, queuedReviewOf } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  personId: string;
  mergedInto?: string;
  records: { recordId: string; caseId?: string }[];
}

interface Report {
  personIds: string[];
  cases: { caseId: string; role: string }[];
  reads: { action: string; purpose?: string; personId?: string; shownInMergedRecord?: boolean }[];
}

/**
 * A MARAC victim and an IOM nominal of one name, born three days apart, confirmed as one woman in
 * error; then a third record, the nominal's own from a MAPPA referral under her maiden name, is
 * proposed with the merged woman and confirmed by another review. Undoing the first merge must
 * give that third person (her records, her case, her id) to the woman she is. Synthetic people,
 * staff and addresses.
 */
describe('undoing a merge gives each person the people merged in while the two were one', () => {
  const { client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    iom: { sub: 'iom-only-third', roles: ['coordinator'], panels: ['IOM'] },
    admin: { sub: 'admin-third', roles: ['admin'], panels: [] },
    auditor: AUDITOR,
  });
  /** Each test's two women live apart from every other test's, so only its own records match. */
  interface Homes {
    readonly surname: string;
    readonly serial: number;
    readonly refuge: string;
    readonly home: { readonly postcode: string; readonly address: string };
  }
  const victimOf = ({ surname, refuge }: Homes) =>
    person({
      forenames: 'Natalia',
      surname,
      dateOfBirth: '1989-03-14',
      sex: 'female',
      postcode: refuge,
      address: '3 Synthetic Refuge Road',
    });
  /** A record of the nominal's own: her birthday, under the name and at the address it gives. */
  const herOwn = (details: Record<string, unknown>) =>
    person({ forenames: 'Natalia', dateOfBirth: '1989-03-17', sex: 'female', ...details });
  /** One of her own records that carries her PNC ID. */
  const withHerPnc = ({ serial }: Homes, details: Record<string, unknown>) =>
    herOwn({ ...details, identifiers: { pnc: syntheticPnc(serial) } });
  const nominalOf = (homes: Homes) => withHerPnc(homes, { surname: homes.surname, ...homes.home });
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  /** Who holds each of the three cases: the MAPPA one, the nominal's IOM one and the victim's MARAC one. */
  const holdersOf = async (three: Record<'v' | 'n' | 'c', { caseId: string }>) => ({
    mappa: await holderOf(three.c.caseId),
    iom: await holderOf(three.n.caseId),
    marac: await holderOf(three.v.caseId),
  });
  const restore = (survivor: string, token: string, body: Record<string, unknown>) =>
    client.post(`/v1/people/${survivor}/split`, token, { reason: 'Two women: the PNC is the nominal’s', ...body });
  const caseIdsOf = async (personId: string) =>
    (await client.personView<View>(tokens.admin, personId)).records.flatMap((r) => r.caseId ?? []);
  const reportOf = async (personId: string) =>
    (await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor, null).expect(200)).body as Report;

  /** The victim and the nominal merged in error, then a third person merged into the two by another review. */
  async function threeMadeOne(homes: Homes, third: Record<string, unknown>) {
    const v = await client.refer(tokens.all, maracReferral({ person: victimOf(homes) }, { perpetrator: undefined }));
    const n = await client.refer(tokens.iom, iomReferral({}, { person: nominalOf(homes) }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    const c = await client.refer(tokens.all, mappaReferral(third));
    expect(c.personId).not.toBe(v.personId);
    await confirmedAsOnePerson(client, tokens.all, v.personId, c.personId, 'Her MAPPA record under her maiden name');
    expect(await holderOf(c.caseId)).toBe(v.personId);
    return { v, n, c };
  }

  it('gives the nominal the person whose PNC is hers, with her case and id, and undoing that merge later restores them', async () => {
    const homes = {
      surname: 'Kowalczyk',
      serial: 6601,
      refuge: 'N15 4QT',
      home: { postcode: 'SE1 1AA', address: '1 Synthetic High Street' },
    };
    const maiden = withHerPnc(homes, { surname: 'Nowak', postcode: 'E1 6AN', address: '4 Synthetic Lane' });
    const { v, n, c } = await threeMadeOne(homes, maiden);
    // Viewed while the three were one: the view showed her MAPPA record too.
    await client.get(`/v1/people/${v.personId}`, tokens.all, 'panel preparation').expect(200);

    const restored = await restore(v.personId, tokens.all, { restore: n.personId });

    expect(await holderOf(c.caseId)).toBe(n.personId);
    expect({ status: restored.status, mergedWhileOne: restored.body.mergedWhileOne }).toEqual({
      status: 200,
      mergedWhileOne: [{ personId: c.personId, to: n.personId, by: 'identifier' }],
    });
    // Her id stands for the nominal now, never for the victim.
    const byHerId = await client.personView<View>(tokens.admin, c.personId);
    expect({ personId: byHerId.personId, mergedInto: byHerId.mergedInto }).toEqual({
      personId: n.personId,
      mergedInto: n.personId,
    });
    expect(await caseIdsOf(v.personId)).toEqual([v.caseId]);
    expect((await caseIdsOf(n.personId)).sort()).toEqual([n.caseId, c.caseId].sort());
    // A subject access request follows: her MAPPA case is in the nominal's report, not the victim's.
    const ofNominal = await reportOf(n.personId);
    const ofVictim = await reportOf(v.personId);
    expect({
      nominalIds: ofNominal.personIds.includes(c.personId),
      nominalCase: ofNominal.cases.some((x) => x.caseId === c.caseId),
      victimIds: ofVictim.personIds.includes(c.personId),
      victimCase: ofVictim.cases.some((x) => x.caseId === c.caseId),
    }).toEqual({ nominalIds: true, nominalCase: true, victimIds: false, victimCase: false });

    // That merge can still be undone on its own: she comes back with what she held.
    const undone = await restore(n.personId, tokens.all, {
      restore: c.personId,
      reason: 'The MAPPA record is someone else after all',
    });
    expect(undone.status).toBe(200);
    expect(await holdersOf({ v, n, c })).toEqual({
      mappa: c.personId,
      iom: n.personId,
      marac: v.personId,
    });
    // Her report keeps the view of the three as one, which showed her record, under her own id.
    const views = (await reportOf(c.personId)).reads.filter((r) => r.action === 'person-viewed');
    const whileOne = views.filter((r) => r.purpose === 'panel preparation');
    expect(whileOne).toEqual([expect.objectContaining({ personId: c.personId, shownInMergedRecord: true })]);
  });

  it('gives the nominal the person the matcher clearly places with her', async () => {
    // Her maiden name at her own address, no identifier: the matcher links it to her alone.
    const homes = {
      surname: 'Wisniewska',
      serial: 6701,
      refuge: 'NW10 1AA',
      home: { postcode: 'SE5 7QT', address: '2 Synthetic Parade' },
    };
    const atHerHome = herOwn({ surname: 'Wojcik', ...homes.home });
    const { v, n, c } = await threeMadeOne(homes, atHerHome);

    const restored = await restore(v.personId, tokens.all, { restore: n.personId });

    expect(await holdersOf({ v, n, c })).toEqual({
      mappa: n.personId,
      iom: n.personId,
      marac: v.personId,
    });
    expect({ status: restored.status, mergedWhileOne: restored.body.mergedWhileOne }).toEqual({
      status: 200,
      mergedWhileOne: [{ personId: c.personId, to: n.personId, by: 'score' }],
    });
    // The matcher follows: her next MAPPA referral under that name is the nominal's.
    const again = await client.refer(tokens.all, { ...mappaReferral(atHerHome), referredAt: '2024-08-01T10:00:00Z' });
    expect(again.personId).toBe(n.personId);
  });

  it('refuses to send back the person everything is held under, and says which merge to undo first', async () => {
    const homes = {
      surname: 'Lewandowska',
      serial: 6901,
      refuge: 'N8 7QP',
      home: { postcode: 'SE22 8HP', address: '5 Synthetic Yard' },
    };
    // Her MAPPA record under her maiden name came first; the review pairing it with the nominal waited.
    const maiden = withHerPnc(homes, { surname: 'Mazur', postcode: 'E5 0LH', address: '7 Synthetic Walk' });
    const c = await client.refer(tokens.all, mappaReferral(maiden));
    const v = await client.refer(tokens.all, maracReferral({ person: victimOf(homes) }, { perpetrator: undefined }));
    const n = await client.refer(tokens.iom, iomReferral({}, { person: nominalOf(homes) }));
    await confirmedAsOnePerson(client, tokens.all, v.personId, n.personId, 'One woman who moved house');
    const review = await queuedReviewOf(client, tokens.all, c.personId, v.personId);
    const confirmed = await client.post(`/v1/people/match-reviews/${review.id}/confirm`, tokens.all, {
      reason: 'Her MAPPA record',
    });
    expect(confirmed.body).toMatchObject({ survivorId: c.personId, mergedId: v.personId });

    const refused = await restore(c.personId, tokens.all, { restore: n.personId });
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 409,
      rule: 'undo-the-later-merge-first',
    });
    expect(refused.body.message).toContain(`restore ${v.personId} on this person`);
    expect(await holderOf(n.caseId)).toBe(c.personId);

    // As it says: that merge first, then the first one. The three are three people again.
    expect((await restore(c.personId, tokens.all, { restore: v.personId })).status).toBe(200);
    expect((await restore(v.personId, tokens.all, { restore: n.personId })).status).toBe(200);
    expect(await holdersOf({ v, n, c })).toEqual({
      mappa: c.personId,
      iom: n.personId,
      marac: v.personId,
    });
  });

  it('asks the reviewer where a person who fits both alike goes, naming them only to those who may see them', async () => {
    // No identifier, a birthday one digit off each of theirs, an address neither holds.
    const between = person({
      forenames: 'Natalia',
      surname: 'Zielinska',
      dateOfBirth: '1989-03-15',
      sex: 'female',
      postcode: 'E3 4BB',
      address: '6 Synthetic Court',
    });
    const { v, n, c } = await threeMadeOne(
      {
        surname: 'Zielinska',
        serial: 6801,
        refuge: 'N4 2LX',
        home: { postcode: 'SE15 2LB', address: '8 Synthetic Row' },
      },
      between,
    );

    const byIom = await restore(v.personId, tokens.iom, { restore: n.personId, personIds: [] });
    expect({ status: byIom.status, rule: byIom.body.rule }).toEqual({
      status: 409,
      rule: 'records-linked-while-merged',
    });
    expect(JSON.stringify(byIom.body)).not.toMatch(new RegExp(`${c.personId}|${c.caseId}`));
    const plain = await restore(v.personId, tokens.all, { restore: n.personId });
    expect({ status: plain.status, rule: plain.body.rule }).toEqual({
      status: 409,
      rule: 'records-linked-while-merged',
    });
    expect(plain.body.message).toContain(`person ${c.personId} (case ${c.caseId})`);
    expect(plain.body.errors).toContainEqual(expect.objectContaining({ field: 'personIds' }));
    // Refused, nothing was recorded: the three are still one.
    expect(await holderOf(n.caseId)).toBe(v.personId);

    const decided = await restore(v.personId, tokens.all, { restore: n.personId, personIds: [c.personId] });
    expect({ status: decided.status, mergedWhileOne: decided.body.mergedWhileOne }).toEqual({
      status: 200,
      mergedWhileOne: [{ personId: c.personId, to: n.personId, by: 'reviewer' }],
    });
    expect(await holdersOf({ v, n, c })).toEqual({
      mappa: n.personId,
      iom: n.personId,
      marac: v.personId,
    });
  });
});
