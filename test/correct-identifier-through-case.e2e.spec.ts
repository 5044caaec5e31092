import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { identityStream } from '../libs/identity/src/domain/person-links';
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  records: { recordId: string; caseId?: string }[];
  identifiers: { pnc?: string[] };
}

interface Answer {
  status: number;
  body: {
    rule?: string;
    message?: string;
    errors?: { field: string; rule: string }[];
    events?: string[];
    personId?: string;
    intoPersonId?: string;
  };
}

/**
 * A MAPPA nominal's referral carried a MARAC victim's PNC ID, typed in error: the matcher linked
 * his record to her, and a reviewer split him off stating the PNC ID was recorded in error. His
 * record still held her number, so his next referral, with his own, registered someone new whom no
 * reviewer could merge with him (409 identifier-conflict). His coordinator now takes the number off
 * his record through his case. Synthetic people, staff and addresses throughout.
 */
describe('correcting an identifier on a record through its case', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    mappa: { sub: 'mappa-coordinator-correction', name: 'Morgan Mappa', roles: ['coordinator'], panels: ['MAPPA'] },
    maracOnly: { sub: 'marac-only-correction', roles: ['coordinator'], panels: ['MARAC'] },
    admin: { sub: 'admin-correction', roles: ['admin'], panels: [] },
    auditor: { sub: 'auditor-correction', roles: ['auditor'] },
  });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const viewOf = (personId: string) => client.personView<View>(tokens.admin, personId);
  const holderOf = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const correct = async (caseId: string, body: Record<string, unknown>, token = tokens.mappa): Promise<Answer> =>
    (await client.post(`/v1/cases/${caseId}/person-details`, token, body)) as Answer;
  const refusal = ({ status, body }: Answer) => ({
    status,
    rule: body.rule,
    errors: body.errors?.map((e) => ({ field: e.field, rule: e.rule })),
  });
  const reviewsOf = async (personId: string) =>
    ((await client.get('/v1/people/match-reviews', tokens.admin).expect(200)).body.items as { personIds: string[] }[])
      .filter((r) => r.personIds.includes(personId))
      .map((r) => r.personIds.find((id) => id !== personId));

  /** She and her brother at one address, his referral carrying her PNC ID; split apart with it stated in error. */
  const wronglyLinked = async (serial: number, forenames: string) => {
    const hers = syntheticPnc(serial);
    const victim = person({
      forenames,
      surname: 'Quarrington',
      dateOfBirth: '1986-03-09',
      sex: 'female',
      postcode: 'E5 0LL',
      address: '6 Synthetic Close',
      identifiers: { pnc: hers },
    });
    const nominal = { ...victim, forenames: `${forenames}o`, sex: 'male', dateOfBirth: '1985-03-09' };
    const marac = await client.refer(tokens.all, maracReferral({ person: victim }, { perpetrator: undefined }));
    const mappa = await client.refer(tokens.all, mappaReferral(nominal));
    const her = marac.personId;
    expect(mappa.personId).toBe(her);
    const hisRecord = (await viewOf(her)).records.find((r) => r.caseId === mappa.caseId)?.recordId as string;
    const split = await client.post(`/v1/people/${her}/split`, tokens.all, {
      reason: 'His PNC ID was typed as hers',
      recordIds: [hisRecord],
      caseIds: [mappa.caseId],
      identifiersInError: ['pnc'],
    });
    expect(split.status).toBe(200);
    return { hers, nominal, marac, mappa, her, him: split.body.intoPersonId as string, hisRecord };
  };

  it('takes her PNC ID off his record, so his next referral with his own joins him, and says who and why', async () => {
    const { hers, nominal, mappa, her, him, hisRecord } = await wronglyLinked(8831, 'Lian');
    const events = await store().readStream(identityStream(her));

    const removed = await correct(mappa.caseId, {
      identifiers: { pnc: null },
      reason: 'PNC ID typed from the victim’s record: not his',
    });

    expect({ status: removed.status, events: removed.body.events, personId: removed.body.personId }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
      personId: him,
    });
    // The audit trail: the event says which kind was removed and why, and whose act it was.
    const [recorded] = (await store().readStream(identityStream(her))).slice(events.length);
    expect({ type: recorded?.type, data: recorded?.data, actor: recorded?.metadata.actor?.id }).toEqual({
      type: 'person-record-details-recorded',
      data: expect.objectContaining({
        personId: him,
        recordId: hisRecord,
        identifiersRemoved: ['pnc'],
        reason: 'PNC ID typed from the victim’s record: not his',
      }),
      actor: 'mappa-coordinator-correction',
    });
    const trail = await client
      .get(`/v1/audit/trail?personId=${him}&action=person-record-details-recorded`, tokens.auditor)
      .expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'person-record-details-recorded',
        actor: expect.objectContaining({ id: 'mappa-coordinator-correction', name: 'Morgan Mappa' }),
      }),
    ]);
    expect((await viewOf(him)).identifiers.pnc).toBeUndefined();
    expect((await viewOf(her)).identifiers.pnc).toEqual([hers]);

    // His own PNC ID, his name and birthday: it joins him. Before, his record still held hers, so
    // this registered someone new, and confirming that pair was 409 identifier-conflict.
    const his = syntheticPnc(8832);
    const again = await client.refer(
      tokens.all,
      mappaReferral({ ...nominal, identifiers: { pnc: his } }, '2024-09-02T10:00:00Z'),
    );
    expect(again.personId).toBe(him);
    expect((await viewOf(him)).identifiers.pnc).toEqual([his]);
    expect((await viewOf(her)).identifiers.pnc).toEqual([hers]);
    expect(await holderOf(mappa.caseId)).toBe(him);
  });

  it('sets a value, refuses one another record of the person contradicts, and records an equal one again', async () => {
    const { nominal, mappa, him } = await wronglyLinked(8841, 'Rhian');
    const his = syntheticPnc(8842);
    const set = await correct(mappa.caseId, { identifiers: { pnc: his }, reason: 'His own PNC ID, from the PNC' });
    expect({ status: set.status, events: set.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    expect((await viewOf(him)).identifiers.pnc).toEqual([his]);
    // His next referral carries it: it joins him on it.
    const again = await client.refer(
      tokens.all,
      mappaReferral({ ...nominal, identifiers: { pnc: his } }, '2024-09-03T10:00:00Z'),
    );
    expect(again.personId).toBe(him);

    // Another PNC ID on the first record would give him two: refused, naming the kind, never a value.
    const other = syntheticPnc(8843);
    const head = await store().headPosition();
    const refused = await correct(mappa.caseId, { identifiers: { pnc: other }, reason: 'Typed from a letter' });
    expect(refusal(refused)).toMatchObject({ status: 409, rule: 'identifier-conflict' });
    expect(refused.body.message).toContain('pnc');
    expect(JSON.stringify(refused.body)).not.toContain(his);
    expect(JSON.stringify(refused.body)).not.toContain(other);
    expect(await store().headPosition()).toBe(head);
    expect((await viewOf(him)).identifiers.pnc).toEqual([his]);

    // The value the record holds already: recorded again, as every field sent is.
    const same = await correct(mappa.caseId, { identifiers: { pnc: his }, reason: 'Checked against the PNC' });
    expect({ status: same.status, events: same.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
  });

  it('never links on a value another person holds: the pair goes to a reviewer', async () => {
    const theirs = syntheticPnc(8851);
    const known = await client.refer(
      tokens.all,
      maracReferral(
        {
          person: person({
            forenames: 'Tobias',
            surname: 'Wendlebury',
            dateOfBirth: '1979-11-02',
            sex: 'male',
            postcode: 'N4 2AA',
            address: '3 Synthetic Mews',
            identifiers: { pnc: theirs },
          }),
        },
        { perpetrator: undefined },
      ),
    );
    // A namesake some years younger elsewhere, no identifier: two people to the matcher.
    const namesake = person({
      forenames: 'Tobias',
      surname: 'Wendlebury',
      dateOfBirth: '1981-11-02',
      sex: 'male',
      postcode: 'SE15 4QQ',
      address: '9 Synthetic Parade',
      identifiers: undefined,
    });
    const mappa = await client.refer(tokens.all, mappaReferral(namesake));
    expect(mappa.personId).not.toBe(known.personId);
    const before = await reviewsOf(mappa.personId);

    const set = await correct(mappa.caseId, { identifiers: { pnc: theirs }, reason: 'PNC ID from the probation file' });

    expect(set.status).toBe(200);
    expect(await holderOf(mappa.caseId)).toBe(mappa.personId);
    expect(await holderOf(known.caseId)).toBe(known.personId);
    const after = await reviewsOf(mappa.personId);
    expect(before).not.toContain(known.personId);
    expect(after).toContain(known.personId);
  });

  it('refuses bad input, with nothing written: the field and rule named', async () => {
    const mappa = await client.refer(
      tokens.all,
      mappaReferral(person({ forenames: 'Ivo', surname: 'Carraway', dateOfBirth: '1990-02-02', sex: 'male' })),
    );
    const head = await store().headPosition();
    const pnc = syntheticPnc(8861);
    const mistyped = `${pnc.slice(0, -1)}${pnc.endsWith('A') ? 'B' : 'A'}`;

    expect(refusal(await correct(mappa.caseId, { identifiers: { pnc: mistyped }, reason: 'From the file' }))).toEqual({
      status: 400,
      rule: undefined,
      errors: [{ field: 'identifiers.pnc', rule: 'isValid-pnc' }],
    });
    expect(refusal(await correct(mappa.caseId, { identifiers: { pnc } }))).toMatchObject({
      status: 400,
      errors: [{ field: 'reason', rule: 'reason-with-identifiers' }],
    });
    expect(refusal(await correct(mappa.caseId, { identifiers: { pnc: null } }))).toMatchObject({
      status: 400,
      errors: [{ field: 'reason', rule: 'reason-with-identifiers' }],
    });
    // A reason of blanks says nothing to an auditor, whether a value is set or removed.
    for (const identifiers of [{ pnc }, { pnc: null }]) {
      expect(refusal(await correct(mappa.caseId, { identifiers, reason: '   ' }))).toMatchObject({
        status: 400,
        errors: [{ field: 'reason', rule: 'reason-with-identifiers' }],
      });
    }
    expect(
      refusal(await correct(mappa.caseId, { identifiers: { passport: 'X' }, reason: 'From the file' })),
    ).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'identifiers.passport' })] });
    expect(await store().headPosition()).toBe(head);
  });

  // A case of another panel answers as one that does not exist (404, never 403): ids guessed across panels reveal nothing.
  it('refuses a coordinator of another panel (404); on a case no longer open takes identifiers only', async () => {
    const mappa = await client.refer(
      tokens.all,
      mappaReferral(person({ forenames: 'Oona', surname: 'Blakiston', dateOfBirth: '1991-04-04', sex: 'female' })),
    );
    const body = { identifiers: { pnc: null }, reason: 'Recorded in error' };
    expect(refusal(await correct(mappa.caseId, body, tokens.maracOnly))).toMatchObject({
      status: 404,
      rule: 'case-exists',
    });

    const closed = await client.post(`/v1/cases/${mappa.caseId}/decline`, tokens.all, { reason: 'Managed elsewhere' });
    expect({ status: closed.status, body: closed.body }).toMatchObject({ status: 200 });
    // Her other details are the open case's work; her record, and a number wrong on it, outlive the case.
    const withAddress = { ...body, address: '2 Synthetic Lane' };
    expect(refusal(await correct(mappa.caseId, withAddress))).toMatchObject({ status: 409, rule: 'case-open' });
    expect(refusal(await correct(mappa.caseId, body))).toMatchObject({
      status: 409,
      rule: 'identifier-not-on-record',
    });
    const set = await correct(mappa.caseId, { identifiers: { pnc: syntheticPnc(8871) }, reason: 'From the PNC' });
    expect({ status: set.status, events: set.body.events }).toEqual({
      status: 200,
      events: ['person-details-recorded'],
    });
  });
});
