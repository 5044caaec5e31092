import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { personStream } from '../libs/case-lifecycle/src/domain';
import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, mappaReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface View {
  identifiers: { pnc?: string[]; noms?: string[] };
}

interface Answer {
  status: number;
  body: {
    rule?: string;
    message?: string;
    errors?: { field: string; rule: string }[];
    events?: string[];
    personId?: string;
  };
}

/**
 * A victim's MARAC referral names her ex-partner with a PNC ID typed wrong. Nothing but her panel's
 * referral brought his record in, and `person-details` acts on the case's subject, so before this
 * route nobody could correct it: his IOM referral with his real PNC ID became a second person, and
 * whoever really holds the mistyped number would be linked to him, the named perpetrator.
 * Synthetic people, staff and addresses throughout.
 */
describe('correcting a MARAC perpetrator’s identifier through the case naming him', () => {
  const { api, client, tokens } = apiForSuite({
    all: { ...COORDINATOR_ALL_PANELS, panels: ['IOM', 'MARAC', 'ALLIANCE', 'MAPPA'] },
    marac: { sub: 'marac-coordinator-perp', name: 'Maya Marac', roles: ['coordinator'], panels: ['MARAC'] },
    mappaOnly: { sub: 'mappa-only-perp', roles: ['coordinator'], panels: ['MAPPA'] },
    admin: { sub: 'admin-perp', roles: ['admin'], panels: [] },
  });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const viewOf = (personId: string) => client.personView<View>(tokens.admin, personId);
  const correct = async (caseId: string, body: Record<string, unknown>, token = tokens.marac): Promise<Answer> =>
    (await client.post(`/v1/cases/${caseId}/perpetrator-identifiers`, token, body)) as Answer;
  const refusal = ({ status, body }: Answer) => ({
    status,
    rule: body.rule,
    fields: body.errors?.map((e) => e.field),
  });

  /** Each test's man apart from the others': his own forename, birthday and street. */
  const MEN: Readonly<Record<string, { forenames: string; dateOfBirth: string; postcode: string }>> = {
    Ashcombe: { forenames: 'Corwin', dateOfBirth: '1984-07-19', postcode: 'N15 3XX' },
    Brackley: { forenames: 'Emlyn', dateOfBirth: '1979-02-03', postcode: 'SE5 8QQ' },
    Carrick: { forenames: 'Gethin', dateOfBirth: '1992-10-27', postcode: 'W12 9ZZ' },
    Dunmore: { forenames: 'Idris', dateOfBirth: '1988-05-14', postcode: 'E17 4YY' },
    Elwick: { forenames: 'Macsen', dateOfBirth: '1975-12-30', postcode: 'NW10 2WW' },
    Ferndale: { forenames: 'Cadfael', dateOfBirth: '1981-08-08', postcode: 'N8 7RR' },
    Glanmor: { forenames: 'Iestyn', dateOfBirth: '1977-04-21', postcode: 'E3 5PP' },
    Hafren: { forenames: 'Rhun', dateOfBirth: '1983-01-09', postcode: 'N19 3TT' },
  };
  const ex = (serial: number | undefined, surname: string, identifiers: Record<string, string> = {}) =>
    person({
      ...MEN[surname],
      surname,
      sex: 'male',
      address: `12 ${surname} Row`,
      identifiers: { ...(serial === undefined ? {} : { pnc: syntheticPnc(serial) }), ...identifiers },
    });

  const herDetails = (surname: string) => ({
    forenames: 'Delyth',
    surname: `${surname}-Vale`,
    dateOfBirth: '1990-02-11',
    postcode: 'E9 7ZZ',
    address: '4 Synthetic Yard',
  });

  /** Her referral naming him with the PNC ID typed wrong (serial `typo`); his real one is `typo + 1`. */
  const namedWithTypo = async (typo: number | undefined, surname: string, extra: Record<string, string> = {}) => {
    const victim = person(herDetails(surname));
    const referral = await client.refer(
      tokens.all,
      maracReferral({ person: victim }, { perpetrator: ex(typo, surname, extra) }),
    );
    expect(referral.perpetratorPersonId).toBeDefined();
    return { caseId: referral.caseId, victim: referral.personId, him: referral.perpetratorPersonId as string };
  };

  /** Her repeat referral a few months on, copying his details, the typo with them: a second record of him. */
  const repeatNaming = async (first: { him: string }, typo: number, surname: string) => {
    const repeat = await client.refer(
      tokens.all,
      maracReferral(
        { person: person(herDetails(surname)), referredAt: '2024-08-20T09:00:00Z' },
        { perpetrator: ex(typo, surname), incidentAt: '2024-08-19T22:00:00Z' },
      ),
    );
    expect(repeat.perpetratorPersonId).toBe(first.him);
    return repeat;
  };

  it('replaces the mistyped PNC ID, so his IOM referral joins him and the number’s holder does not', async () => {
    const { caseId, victim, him } = await namedWithTypo(9101, 'Ashcombe');
    const before = await store().readStream(personStream(him));

    const corrected = await correct(caseId, {
      identifiers: { pnc: syntheticPnc(9102) },
      reason: 'PNC ID mistyped on the referral form',
    });

    expect({ status: corrected.status, events: corrected.body.events, personId: corrected.body.personId }).toEqual({
      status: 200,
      events: ['person-details-recorded'],
      personId: him,
    });
    const [recorded] = (await store().readStream(personStream(him))).slice(before.length);
    expect({ data: recorded?.data, actor: recorded?.metadata.actor?.id }).toEqual({
      data: expect.objectContaining({
        changes: { identifiers: { pnc: syntheticPnc(9102) } },
        reason: 'PNC ID mistyped on the referral form',
        namedOn: caseId,
      }),
      actor: 'marac-coordinator-perp',
    });
    // Not `source`: the details were not given about the case's subject, and must not be read as hers.
    expect(recorded?.data).not.toHaveProperty('source');
    expect((await viewOf(him)).identifiers.pnc).toEqual([syntheticPnc(9102)]);

    const iom = await client.refer(
      tokens.all,
      iomReferral({}, { person: ex(9102, 'Ashcombe'), referredAt: '2024-06-03T10:00:00Z' }),
    );
    expect(iom.personId).toBe(him);

    // The man whose number was typed: someone else entirely, never taken for the named perpetrator.
    const holder = await client.refer(
      tokens.all,
      mappaReferral(
        person({
          forenames: 'Ifor',
          surname: 'Pennant',
          dateOfBirth: '1961-12-01',
          sex: 'male',
          postcode: 'SW2 1QQ',
          identifiers: { pnc: syntheticPnc(9101) },
        }),
      ),
    );
    expect([him, victim]).not.toContain(holder.personId);
  });

  it('removes a value recorded in error, and refuses to remove one his record does not hold', async () => {
    const { caseId, him } = await namedWithTypo(9111, 'Brackley');
    const missing = await correct(caseId, { identifiers: { noms: null }, reason: 'Not his prison number' });
    expect(refusal(missing)).toEqual({ status: 409, rule: 'identifier-not-on-record', fields: ['identifiers.noms'] });

    const removed = await correct(caseId, { identifiers: { pnc: null }, reason: 'Not his: typed from another form' });
    expect({ status: removed.status, events: removed.body.events }).toEqual({
      status: 200,
      events: ['person-details-recorded'],
    });
    expect((await viewOf(him)).identifiers.pnc).toBeUndefined();
    const [last] = (await store().readStream(personStream(him))).slice(-1);
    expect(last?.data).toMatchObject({ identifiersRemoved: ['pnc'], namedOn: caseId });
  });

  it('refuses a value that would give him two PNC IDs, naming the kind and writing nothing', async () => {
    const noms = 'G4821KT';
    // Her referral knew only his prison number.
    const { caseId, him } = await namedWithTypo(undefined, 'Carrick', { noms });
    // His MAPPA referral carries the same prison number and his PNC ID: it joins him on the NOMS number.
    const mappa = await client.refer(tokens.all, mappaReferral(ex(9122, 'Carrick', { noms })));
    expect(mappa.personId).toBe(him);
    expect((await viewOf(him)).identifiers.pnc).toEqual([syntheticPnc(9122)]);

    const head = await store().headPosition();
    const refused = await correct(caseId, { identifiers: { pnc: syntheticPnc(9123) }, reason: 'From a letter' });
    expect(refusal(refused)).toMatchObject({ status: 409, rule: 'identifier-conflict' });
    expect(refused.body.message).toContain('pnc');
    expect(JSON.stringify(refused.body)).not.toContain(syntheticPnc(9122));
    expect(await store().headPosition()).toBe(head);

    // His real one, as the MAPPA record holds it: the two records agree.
    const agreed = await correct(caseId, { identifiers: { pnc: syntheticPnc(9122) }, reason: 'Checked on the PNC' });
    expect(agreed.status).toBe(200);
    expect((await viewOf(him)).identifiers.pnc).toEqual([syntheticPnc(9122)]);
  });

  it('corrects the typo a repeat referral copied onto a record of its own, in one request, and again safely', async () => {
    const first = await namedWithTypo(9151, 'Ferndale');
    const repeat = await repeatNaming(first, 9151, 'Ferndale');
    expect(repeat.repeat).toBe(true);

    const body = { identifiers: { pnc: syntheticPnc(9152) }, reason: 'Mistyped on both forms' };
    const corrected = await correct(repeat.caseId, body);
    expect({ status: corrected.status, events: corrected.body.events, personId: corrected.body.personId }).toEqual({
      status: 200,
      events: ['person-details-recorded', 'person-record-details-recorded'],
      personId: first.him,
    });
    expect((await viewOf(first.him)).identifiers.pnc).toEqual([syntheticPnc(9152)]);
    // Sent again (a retry after a lost answer): each record holds the value already, recorded again on its own.
    const again = await correct(repeat.caseId, body);
    expect({ status: again.status, events: again.body.events }).toEqual({
      status: 200,
      events: ['person-record-details-recorded'],
    });
    expect((await viewOf(first.him)).identifiers.pnc).toEqual([syntheticPnc(9152)]);
  });

  it('never lets a copy give him a second value of a kind set, and dates each copy by its own case', async () => {
    // Her first referral knew his prison number; her repeat, the same mistyped PNC ID without it.
    const first = await namedWithTypo(9161, 'Glanmor', { noms: 'H5678JK' });
    const repeat = await repeatNaming(first, 9161, 'Glanmor');

    const head = await store().headPosition();
    const both = await correct(repeat.caseId, {
      identifiers: { pnc: syntheticPnc(9162), noms: 'J6789KL' },
      reason: 'From the PNC',
    });
    expect(refusal(both)).toMatchObject({ status: 409, rule: 'identifier-conflict' });
    expect(both.body.message).toContain('noms');
    // A correction dated before the repeat was referred would be written on the repeat's record.
    const early = await correct(first.caseId, {
      identifiers: { pnc: syntheticPnc(9162) },
      reason: 'From the PNC',
      occurredAt: '2024-06-01T10:00:00Z',
    });
    expect(refusal(early)).toMatchObject({ status: 400, rule: 'person-details-from-referral', fields: ['occurredAt'] });
    expect(await store().headPosition()).toBe(head);

    const pncAlone = await correct(repeat.caseId, { identifiers: { pnc: syntheticPnc(9162) }, reason: 'From the PNC' });
    expect(pncAlone.status).toBe(200);
    expect((await viewOf(first.him)).identifiers).toMatchObject({ pnc: [syntheticPnc(9162)], noms: ['H5678JK'] });
  });

  it('takes two corrections through two cases naming him one after the other, never leaving him two values', async () => {
    const first = await namedWithTypo(9171, 'Hafren');
    const repeat = await repeatNaming(first, 9171, 'Hafren');
    const answers = await Promise.all([
      correct(first.caseId, { identifiers: { pnc: syntheticPnc(9172) }, reason: 'From the PNC' }),
      correct(repeat.caseId, { identifiers: { pnc: syntheticPnc(9173) }, reason: 'From the custody record' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    // The later in line corrected both copies again: one value, whichever came second.
    const { pnc } = (await viewOf(first.him)).identifiers;
    expect(pnc).toHaveLength(1);
    expect([syntheticPnc(9172), syntheticPnc(9173)]).toContain(pnc?.[0]);
  });

  it('answers whoever holds his record now, after a merge and after a split', async () => {
    const nominal = person({
      forenames: 'Tegid',
      surname: 'Penrose',
      dateOfBirth: '1986-10-07',
      sex: 'male',
      postcode: 'N16 7UX',
    });
    const mappa = await client.refer(tokens.all, mappaReferral(nominal));
    // Named by her with his birthday a day out: proposed against the MAPPA nominal, then merged into him.
    const marac = await client.refer(
      tokens.all,
      maracReferral(
        { person: person(herDetails('Penrose')) },
        { perpetrator: { ...nominal, dateOfBirth: '1986-10-08', postcode: 'E5 0LL' } },
      ),
    );
    const named = marac.perpetratorPersonId as string;
    expect(named).not.toBe(mappa.personId);
    await confirmedAsOnePerson(client, tokens.all, mappa.personId, named, 'One man: birthday mistyped');

    const afterMerge = await correct(marac.caseId, { identifiers: { noms: 'B2345CD' }, reason: 'His prison number' });
    expect({ status: afterMerge.status, personId: afterMerge.body.personId }).toEqual({
      status: 200,
      personId: mappa.personId,
    });

    const split = await client.post(`/v1/people/${mappa.personId}/split`, tokens.all, {
      reason: 'Two men after all',
      recordIds: [named],
    });
    expect(split.status).toBe(200);
    const afterSplit = await correct(marac.caseId, { identifiers: { noms: 'C3456DE' }, reason: 'His own number' });
    expect({ status: afterSplit.status, personId: afterSplit.body.personId }).toEqual({
      status: 200,
      personId: split.body.intoPersonId,
    });
    expect((await viewOf(split.body.intoPersonId as string)).identifiers.noms).toEqual(['C3456DE']);
  });

  it('works on a declined case, for the case’s panel only, and only on a MARAC case', async () => {
    const { caseId } = await namedWithTypo(9131, 'Dunmore');
    const declined = await client.post(`/v1/cases/${caseId}/decline`, tokens.all, {
      reason: 'Below threshold on review',
      occurredAt: '2024-05-03T10:00:00Z',
    });
    expect({ status: declined.status, message: declined.body.message }).toEqual({ status: 200, message: undefined });

    const outsider = await correct(caseId, { identifiers: { pnc: null }, reason: 'Not his' }, tokens.mappaOnly);
    expect(refusal(outsider)).toMatchObject({ status: 404, rule: 'case-exists' });

    const afterDecline = await correct(caseId, { identifiers: { pnc: syntheticPnc(9132) }, reason: 'His real one' });
    expect(afterDecline.status).toBe(200);

    const mappa = await client.refer(tokens.all, mappaReferral(person({ forenames: 'Hedd', surname: 'Ormsby' })));
    const notMarac = await correct(mappa.caseId, { identifiers: { pnc: null }, reason: 'Not his' }, tokens.all);
    expect(refusal(notMarac)).toMatchObject({ status: 409, rule: 'perpetrator-record-of-case' });
  });

  it('refuses a body without an identifier or a reason, naming the field', async () => {
    const { caseId } = await namedWithTypo(9141, 'Elwick');
    const head = await store().headPosition();
    expect(refusal(await correct(caseId, { identifiers: {}, reason: 'x' }))).toEqual({
      status: 400,
      rule: 'one-field-required',
      fields: ['identifiers'],
    });
    expect(refusal(await correct(caseId, { identifiers: { pnc: null }, reason: '   ' }))).toEqual({
      status: 400,
      rule: 'reason-with-identifiers',
      fields: ['reason'],
    });
    const noReason = await correct(caseId, { identifiers: { pnc: null } });
    expect({ status: noReason.status, fields: [...new Set(refusal(noReason).fields)] }).toEqual({
      status: 400,
      fields: ['reason'],
    });
    const valid = syntheticPnc(9142);
    const wrongCheck = `${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`;
    const badPnc = await correct(caseId, { identifiers: { pnc: wrongCheck }, reason: 'x' });
    expect({ status: badPnc.status, fields: refusal(badPnc).fields }).toEqual({
      status: 400,
      fields: ['identifiers.pnc'],
    });
    expect(await store().headPosition()).toBe(head);
  });
});
