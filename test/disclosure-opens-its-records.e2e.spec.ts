/**
 * What a disclosure opens to its recipient once the person it gave out has been split: exactly
 * the fields it disclosed, each from the records its value came from, on whoever holds those
 * records now. A share that gave a council a sister's address must never open the first woman's
 * refuge address once the sister's record is split off, nor a case share that gave out an
 * offender's address (a wrong merge) open the victim's refuge once the merge is undone. A share
 * recorded before the records were kept opens nothing once its person holds records it may not
 * have covered. Synthetic people, addresses and staff only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { appendShareWithoutRecords } from '../libs/information-sharing/src/testing/legacy-entry';
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { confirmedAsOnePerson } from './support/match-reviews';
import { maracReferral, person } from './support/referrals';
import { herAndHerSisterAsOne, sisterSplitOff } from './support/sisters';
import { iomOffenderReferred, maracVictimReferred, mergeUndone } from './support/wrong-merges';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('opens', 'Morgan Both');
const ISLINGTON = councilPractitioner('islington-opens', 'Islington Council');

const PERSON_FIELDS = ['name', 'dateOfBirth', 'address', 'postcode'];

describe('a disclosure opens only what it gave out, on whoever holds it now', () => {
  const { api, client, tokens, dsaId } = apiWithAgreement(
    { admin: ADMIN, both: BOTH, islington: ISLINGTON, auditor: AUDITOR },
    ['Metropolitan Police', 'Islington Council'],
  );

  const share = (about: Record<string, unknown>) =>
    disclosed(client, tokens.both, { toAgency: 'Islington Council', ...about, fields: PERSON_FIELDS, dsaId: dsaId() });
  /** The council's view of a person: its status and the person fields it shows. */
  const councilSees = async (personId: string) => {
    const answer = await client.get(`/v1/people/${personId}`, tokens.islington);
    const { forenames, surname, dateOfBirth, address, postcode, access, rule } = answer.body as Record<string, unknown>;
    return { status: answer.status, forenames, surname, dateOfBirth, address, postcode, access, rule };
  };
  /** The disclosures of a person's subject access report, as an auditor compiles it. */
  const reportDisclosures = async (personId: string) =>
    (await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor, null).expect(200)).body
      .disclosures as unknown[];
  const NOTHING = {
    status: 404,
    rule: 'person-exists',
    forenames: undefined,
    surname: undefined,
    dateOfBirth: undefined,
    address: undefined,
    postcode: undefined,
    access: undefined,
  };

  it('opens a share about a person alone made before a split only where its records went, field by field', async () => {
    const carla = person({
      forenames: 'Carla',
      surname: 'Penhallow',
      dateOfBirth: '1991-05-05',
      postcode: 'N17 6AB',
      address: '1 Refuge Lane',
    });
    // Her sister's referral, linked to her by the matcher: the same details but the address.
    const { first, second } = await herAndHerSisterAsOne(client, tokens.both, carla);
    // The name came from Carla's own record (the first), the address and postcode from the
    // sister's (the latest), the date of birth from both.
    const disclosureId = await share({ personId: first.personId, panel: 'MARAC' });
    expect(await councilSees(first.personId)).toMatchObject({ status: 200, address: '9 Sister Street' });

    const { records, sister } = await sisterSplitOff(client, tokens.both, first.personId, second);

    // Carla: her name and date of birth, which the council was given; never her refuge address.
    const access = { via: 'disclosure', disclosureIds: [disclosureId] };
    expect(await councilSees(first.personId)).toEqual({
      status: 200,
      forenames: 'Carla',
      surname: 'Penhallow',
      dateOfBirth: '1991-05-05',
      address: undefined,
      postcode: undefined,
      access,
      rule: undefined,
    });
    // The sister: the address and postcode the council was given, and her date of birth; the name
    // it was given was Carla's record's.
    expect(await councilSees(sister)).toEqual({
      status: 200,
      forenames: undefined,
      surname: undefined,
      dateOfBirth: '1991-05-05',
      address: '9 Sister Street',
      postcode: 'N17 6AB',
      access,
      rule: undefined,
    });
    // The sister's subject access report lists the share without Carla's record behind the name.
    const carlasRecord = records.find((r) => r.caseId === first.caseId)?.recordId ?? 'none';
    expect(JSON.stringify(await reportDisclosures(sister))).not.toContain(carlasRecord);
  });

  it('opens a case share made while a wrong merge joined two people only on her records once it is undone', async () => {
    // She is registered first, so she survives the wrong merge and her record comes first; his,
    // newer, gives the latest address.
    const victim = await maracVictimReferred(client, tokens.both, { forenames: 'Morwenna', surname: 'Tregear' });
    const offender = await iomOffenderReferred(client, tokens.both, {
      forenames: 'Morwenna',
      surname: 'Tregear',
      pncSerial: 7301,
    });
    await confirmedAsOnePerson(client, tokens.both, victim.personId, offender.personId, 'Same woman, DOB mistyped');
    const disclosureId = await share({ caseId: victim.caseId });
    // MARAC saw both records: the latest address it passed on was his.
    expect(await councilSees(victim.personId)).toMatchObject({ status: 200, address: '5 Offender Road' });

    await mergeUndone(client, tokens.both, victim.personId, offender.personId);

    // Her case, and so the share, is hers: her name and date of birth (her record gave them), and
    // no address, since the one the council was given was his; never her refuge.
    expect(await councilSees(victim.personId)).toEqual({
      status: 200,
      forenames: 'Morwenna',
      surname: 'Tregear',
      dateOfBirth: '1979-03-23',
      address: undefined,
      postcode: undefined,
      access: { via: 'disclosure', disclosureIds: [disclosureId] },
      rule: undefined,
    });
    const caseView = await client.get(`/v1/cases/${victim.caseId}`, tokens.islington);
    expect(caseView.status).toBe(200);
    expect(caseView.body.person).toEqual({
      forenames: 'Morwenna',
      surname: 'Tregear',
      dateOfBirth: '1979-03-23',
      asDisclosedOn: { name: expect.any(String), dateOfBirth: expect.any(String) },
    });
    expect(JSON.stringify(caseView.body)).not.toContain('Refuge');
    // A case share follows its case only: he is nobody the council was told of.
    expect(await councilSees(offender.personId)).toEqual(NOTHING);

    // Her subject access report names the share, never his record behind the address (withheld for review).
    const his = await client.personView<{ records: { recordId: string }[] }>(tokens.both, offender.personId);
    const report = await client.get(`/v1/audit/subject-access/${victim.personId}`, tokens.auditor, null).expect(200);
    const body = report.body as {
      disclosures: { data: { disclosureId?: string } }[];
      manualReview: { path: string }[];
    };
    const at = body.disclosures.findIndex((d) => d.data.disclosureId === disclosureId);
    expect(at).toBeGreaterThanOrEqual(0);
    for (const { recordId } of his.records) expect(JSON.stringify(body.disclosures)).not.toContain(recordId);
    expect(body.manualReview.map((note) => note.path)).toContainEqual(
      expect.stringMatching(new RegExp(`^\\$\\.disclosures\\[${at}\\]\\.data\\.recordsBehindFields\\.address`)),
    );
  });

  /** A share about a person alone as recorded before the records behind it were kept, once the register has it. */
  const shareWithoutRecords = async (personId: string, fields: string[]) => {
    const actor = { id: BOTH.sub, name: BOTH.name ?? BOTH.sub, agency: 'Metropolitan Police', roles: BOTH.roles };
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    const { disclosureId, position } = await appendShareWithoutRecords(store, actor, {
      personId,
      panel: 'MARAC',
      toAgency: 'Islington Council',
      dsaId: dsaId(),
      fields,
    });
    await client
      .get(`/v1/disclosures/${disclosureId}`, tokens.auditor)
      .set('X-Min-Position', String(position))
      .expect(200);
    return disclosureId;
  };

  it('opens nothing of a share recorded before its records were kept once a split took records off its person', async () => {
    const tamsin = person({
      forenames: 'Tamsin',
      surname: 'Jago',
      dateOfBirth: '1988-02-14',
      postcode: 'N17 6AB',
      address: '1 Refuge Lane',
    });
    const { first, second } = await herAndHerSisterAsOne(client, tokens.both, tamsin);
    // It gave out the latest address: the sister's.
    const disclosureId = await shareWithoutRecords(first.personId, ['address']);
    expect(await councilSees(first.personId)).toMatchObject({ status: 200, address: '9 Sister Street' });

    const { sister } = await sisterSplitOff(client, tokens.both, first.personId, second);

    // Which of the two it gave out cannot be told from its id: it opens neither, and never Tamsin's refuge.
    expect(await councilSees(first.personId)).toEqual(NOTHING);
    expect(await councilSees(sister)).toEqual(NOTHING);
    const listed = await client.get(`/v1/disclosures/${disclosureId}`, tokens.auditor).expect(200);
    expect(listed.body).toMatchObject({ personId: first.personId, open: true });
  });

  it('opens nothing of a share recorded before its records were kept once its person holds a record added since', async () => {
    const ria = person({
      forenames: 'Ria',
      surname: 'Angove',
      dateOfBirth: '1993-11-02',
      postcode: 'N7 8QP',
      address: '1 Refuge Lane',
    });
    const first = await client.refer(tokens.both, maracReferral({ person: ria }, { perpetrator: undefined }));
    const disclosureId = await shareWithoutRecords(first.personId, ['address']);
    // Nothing has changed since: it opens what it always did.
    expect(await councilSees(first.personId)).toMatchObject({
      status: 200,
      address: '1 Refuge Lane',
      access: { via: 'disclosure', disclosureIds: [disclosureId] },
    });

    // A later referral, linked to her: its address was never given to the council. Which record
    // the old share gave out cannot be told, so it opens nothing rather than guess.
    const later = await client.refer(
      tokens.both,
      maracReferral(
        { person: { ...ria, address: '4 Later Road' }, referredAt: '2024-07-02T09:00:00Z' },
        { perpetrator: undefined, incidentAt: '2024-07-01T22:00:00Z' },
      ),
    );
    expect(later.personId).toBe(first.personId);
    expect(await councilSees(first.personId)).toEqual(NOTHING);
    // The register still lists it, open: it is the council's record of what it was told.
    const listed = await client.get(`/v1/disclosures/${disclosureId}`, tokens.auditor).expect(200);
    expect(listed.body).toMatchObject({ personId: first.personId, open: true });
  });
});
