import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { identityStream } from '../libs/identity/src/domain/person-links';
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  records: { recordId: string; caseId?: string }[];
  cases: { caseId: string }[];
}

interface Problem {
  status: number;
  body: { rule?: string; message?: string; errors?: { field: string; rule: string; message: string }[] };
}

/**
 * A MAPPA nominal whose PNC ID was mistyped as a MARAC victim's, so the matcher linked his record
 * to her. Records carrying one value go together (409 records-share-an-identifier), and no route
 * corrects an identifier, so without a way to say the value was recorded in error on his record the
 * wrong link could never be undone. Synthetic people, staff and addresses throughout.
 */
describe('a split whose reviewer states an identifier was recorded in error', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    admin: { sub: 'admin-split-in-error', roles: ['admin'], panels: [] },
    maracOnly: { sub: 'marac-only-split-in-error', roles: ['coordinator'], panels: ['MARAC'] },
  });
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const viewOf = (personId: string) => client.personView<View>(tokens.admin, personId);
  const split = (personId: string, body: Record<string, unknown>) =>
    client.post(`/v1/people/${personId}/split`, tokens.all, { reason: 'His PNC ID was typed as hers', ...body });
  const refusal = ({ status, body }: Problem) => ({
    status,
    rule: body.rule,
    fields: body.errors?.map((e) => e.field),
  });

  const pnc = syntheticPnc(8812);
  const victim = person({
    forenames: 'Leanne',
    surname: 'Hartigan',
    dateOfBirth: '1988-07-14',
    sex: 'female',
    postcode: 'E5 0LL',
    address: '4 Synthetic Close',
    identifiers: { pnc },
  });
  // Her brother at the same address: with her PNC ID typed on his referral the matcher links him to her.
  const nominal = { ...victim, forenames: 'Lee', sex: 'male', dateOfBirth: '1987-07-14' };

  it('moves his record off her person, records the kind stated in error, and never links a later referral carrying the value to her on it', async () => {
    const marac = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    const mappa = await client.refer(tokens.all, mappaReferral(nominal));
    const her = marac.personId;
    expect(mappa.personId).toBe(her);
    const hisRecord = (await viewOf(her)).records.find((r) => r.caseId === mappa.caseId)?.recordId as string;
    const hisSplit = { recordIds: [hisRecord], caseIds: [mappa.caseId] };

    expect(refusal((await split(her, hisSplit)) as Problem)).toEqual({
      status: 409,
      rule: 'records-share-an-identifier',
      fields: ['recordIds'],
    });
    // A kind that is not one, or one this split does not part, is named back: nothing recorded.
    expect(refusal((await split(her, { ...hisSplit, identifiersInError: ['passport'] })) as Problem)).toMatchObject({
      status: 400,
      fields: ['identifiersInError'],
    });
    expect(refusal((await split(her, { ...hisSplit, identifiersInError: ['pnc', 'nhsNumber'] })) as Problem)).toEqual({
      status: 400,
      rule: 'identifier-in-error-parted',
      fields: ['identifiersInError'],
    });
    expect(await holderOf(mappa.caseId)).toBe(her);

    const moved = await split(her, { ...hisSplit, identifiersInError: ['pnc'] });

    expect(moved.status).toBe(200);
    expect(moved.body.identifiersInError).toEqual(['pnc']);
    const him = moved.body.intoPersonId as string;
    expect(await holderOf(mappa.caseId)).toBe(him);
    const hers = await viewOf(her);
    expect(hers.records.map((r) => r.recordId)).not.toContain(hisRecord);
    expect(hers.cases.map((c) => c.caseId)).toEqual([marac.caseId]);
    // The event is the audit trail: it says which kind the reviewer stated was recorded in error.
    const events = await api.app.get<symbol, EventStore>(EVENT_STORE).readStream(identityStream(her));
    expect(events.filter((e) => e.type === 'person-split').map((e) => e.data)).toEqual([
      expect.objectContaining({ intoPersonId: him, recordIds: [hisRecord], identifiersInError: ['pnc'] }),
    ]);

    // His next referral carries the same mistyped PNC ID: both of them hold it now, so it decides
    // nothing; his details outweigh hers by a link's worth, so it joins him and never her.
    const again = await client.refer(tokens.all, mappaReferral(nominal, '2024-09-02T10:00:00Z'));
    expect(again.personId).toBe(him);

    // One that fits neither better (her forename, his birthday, an address neither had) would have
    // joined her on the value and a little corroboration: a reviewer decides instead.
    const unclear = {
      ...victim,
      sex: 'not-known',
      dateOfBirth: '1987-07-14',
      postcode: 'N4 2AA',
      address: '1 Elsewhere Road',
    };
    const third = await client.refer(tokens.all, mappaReferral(unclear, '2024-10-01T10:00:00Z'));
    expect([her, him]).not.toContain(third.personId);
    const reviews = await client.get('/v1/people/match-reviews', tokens.admin).expect(200);
    const pairs = (reviews.body.items as { personIds: string[] }[])
      .filter((r) => r.personIds.includes(third.personId))
      .map((r) => r.personIds.find((id) => id !== third.personId));
    expect(pairs.sort()).toEqual([her, him].sort());
    // The split keeps the two apart: the matcher never asks to merge them back.
    const items = reviews.body.items as { personIds: string[] }[];
    expect(items.filter((r) => r.personIds.includes(her) && r.personIds.includes(him))).toEqual([]);
    expect((await viewOf(her)).cases.map((c) => c.caseId)).toEqual([marac.caseId]);
  });

  // Two reviews the next unclear referral raises, one confirmed: the other then pairs the two
  // people the split parted, and confirming it merged them again (his MAPPA case back under her).
  it('never merges again, by confirming reviews, the two people the split parted', async () => {
    const pnc = syntheticPnc(8815);
    const hers = { ...victim, identifiers: { pnc } };
    const his = { ...nominal, identifiers: { pnc } };
    const marac = await client.refer(tokens.all, maracReferral({ person: hers }, { perpetrator: undefined }));
    const mappa = await client.refer(tokens.all, mappaReferral(his));
    const her = marac.personId;
    const hisRecord = (await viewOf(her)).records.find((r) => r.caseId === mappa.caseId)?.recordId as string;
    const moved = await split(her, { recordIds: [hisRecord], caseIds: [mappa.caseId], identifiersInError: ['pnc'] });
    const him = moved.body.intoPersonId as string;
    const unclear = {
      ...hers,
      sex: 'not-known',
      dateOfBirth: '1987-07-14',
      postcode: 'N4 2AA',
      address: '1 Elsewhere Road',
    };
    const third = await client.refer(tokens.all, mappaReferral(unclear, '2024-12-01T10:00:00Z'));
    const queue = async () =>
      (await client.get('/v1/people/match-reviews', tokens.admin).expect(200)).body.items as {
        id: string;
        personIds: string[];
      }[];
    const [first, second] = (await queue()).filter((r) => r.personIds.includes(third.personId));
    expect(second).toBeDefined();

    const confirmed = await client.post(`/v1/people/match-reviews/${first?.id}/confirm`, tokens.all, {
      reason: 'Same person as the unclear referral',
    });
    expect(confirmed.status).toBe(200);

    // The other review now pairs her and him: out of the queue, saying why, and its confirmation refused.
    expect((await queue()).map((r) => r.id)).not.toContain(second?.id);
    const review = await client.get(`/v1/people/match-reviews/${second?.id}`, tokens.admin).expect(200);
    expect([...review.body.personIds].sort()).toEqual([her, him].sort());
    expect(review.body.notInQueue).toEqual({ rule: 'people-split-apart' });
    const refused = await client.post(`/v1/people/match-reviews/${second?.id}/confirm`, tokens.all, {
      reason: 'Same person',
    });
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 409, rule: 'people-split-apart' });
    expect(await holderOf(mappa.caseId)).toBe(him);
    expect(await holderOf(marac.caseId)).toBe(her);
  });

  // The 409 tells a coordinator without the other panel that its coordinator or an admin must split;
  // stating a value on a record they cannot see was recorded in error let them through anyway.
  it('refuses a statement of error about records of panels the caller does not hold', async () => {
    const pnc = syntheticPnc(8816);
    const hers = { ...victim, identifiers: { pnc } };
    const marac = await client.refer(tokens.all, maracReferral({ person: hers }, { perpetrator: undefined }));
    const mappa = await client.refer(tokens.all, mappaReferral({ ...nominal, identifiers: { pnc } }));
    const her = marac.personId;
    expect(mappa.personId).toBe(her);
    const herRecord = (await viewOf(her)).records.find((r) => r.caseId === marac.caseId)?.recordId as string;
    const herSplit = { reason: 'Not his', recordIds: [herRecord], caseIds: [marac.caseId] };

    const refused = await client.post(`/v1/people/${her}/split`, tokens.maracOnly, {
      ...herSplit,
      identifiersInError: ['pnc'],
    });

    expect({ status: refused.status, rule: refused.body.rule }).toEqual({
      status: 403,
      rule: 'split-within-your-panels',
    });
    expect(JSON.stringify(refused.body)).not.toContain(mappa.caseId);
    expect(JSON.stringify(refused.body)).not.toMatch(/MAPPA/);
    expect(await holderOf(marac.caseId)).toBe(her);
    expect(await holderOf(mappa.caseId)).toBe(her);
    // An admin may state it.
    const byAdmin = await client.post(`/v1/people/${her}/split`, tokens.admin, {
      ...herSplit,
      identifiersInError: ['pnc'],
    });
    expect(byAdmin.status).toBe(200);
  });
});
