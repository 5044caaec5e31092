/**
 * Whom the register lists a disclosure about a person alone under once that person has been split
 * (the s15 closing note's known defect). Made while a wrong merge joined an IOM offender and a
 * MARAC victim, it passed on details of whichever of the two its panel's view showed: after the
 * merge is undone, an auditor (and her subject access request) must find it under her when it gave
 * out her refuge address, never under him alone, and must not find it under her when it gave out
 * only his. So it is listed under whoever holds the records behind what it passed on, and says the
 * person was split since. Synthetic people, addresses and staff only.
 */
import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { SAFEGUARDING_BASIS, agreementBody } from './support/sharing';
import type { TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-records', agency: 'Partnership Information Governance', roles: ['admin'] };
const BOTH: TestUser = {
  sub: 'both-records',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC', 'IOM'],
};
const ISLINGTON: TestUser = {
  sub: 'islington-records',
  agency: 'Islington Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};
const AUDITOR: TestUser = { sub: 'auditor-records', agency: 'ICO liaison', roles: ['auditor'] };

interface Item {
  disclosureId: string;
  personId: string;
  personIds: string[];
  splitSince: boolean;
}

describe('a disclosure about a person alone is listed under whoever holds the details it passed on', () => {
  const { client, tokens } = apiForSuite({ admin: ADMIN, both: BOTH, islington: ISLINGTON, auditor: AUDITOR });

  let dsaId = '';
  beforeAll(async () => {
    const signed = await client.post(
      '/v1/sharing-agreements',
      tokens.admin,
      agreementBody(['Metropolitan Police', 'Islington Council']),
    );
    expect(signed.status).toBe(201);
    dsaId = signed.body.dsaId as string;
  });

  /** A share to Islington about a person alone, for `panel`, of `fields`. */
  const share = async (personId: string, panel: string, fields: string[]) => {
    const shared = await client.post('/v1/disclosures', tokens.both, {
      toAgency: 'Islington Council',
      personId,
      panel,
      fields,
      purpose: 'Home visit planning',
      lawfulBasis: SAFEGUARDING_BASIS,
      dsaId,
      consent: { given: true },
    });
    expect({ status: shared.status, errors: shared.body.errors }).toEqual({ status: 201, errors: undefined });
    return shared.body.disclosureId as string;
  };
  const listedUnder = async (personId: string, token = tokens.auditor) =>
    ((await client.get(`/v1/disclosures?personId=${personId}`, token).expect(200)).body.items as Item[]).map(
      ({ disclosureId, personId: about, personIds, splitSince }) => ({
        disclosureId,
        personId: about,
        personIds,
        splitSince,
      }),
    );
  const entry = (disclosureId: string, personIds: string[], splitSince: boolean) => ({
    disclosureId,
    personId: personIds[0],
    personIds,
    splitSince,
  });

  /** A subject access report's shares, and where it asks for review. */
  const reportOf = async (personId: string) => {
    const report = await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor, null).expect(200);
    const body = report.body as {
      disclosures: { action: string; splitSince?: boolean; data: Record<string, unknown> }[];
      manualReview: { path: string }[];
    };
    return {
      shared: body.disclosures
        .filter((d) => d.action === 'information-shared')
        .map((d) => ({ disclosureId: d.data.disclosureId, splitSince: d.splitSince, personId: d.data.personId })),
      review: body.manualReview.map((note) => note.path),
    };
  };

  /**
   * An IOM offender and a MARAC victim the matcher proposed as one (her date of birth a day out);
   * `merge` confirms it, wrongly: he survives, registered first, so his record is the first.
   */
  const wronglyProposed = async (forenames: string, surname: string, pncSerial: number) => {
    const offender = await client.refer(
      tokens.both,
      iomReferral(
        {},
        {
          person: hollingsworth({
            forenames,
            surname,
            dateOfBirth: '1979-03-22',
            postcode: 'W3 7QS',
            address: '5 Offender Road',
            identifiers: { pnc: syntheticPnc(pncSerial) },
          }),
        },
      ),
    );
    const victim = await client.refer(
      tokens.both,
      maracReferral(
        {
          person: hollingsworth({
            forenames,
            surname,
            dateOfBirth: '1979-03-23',
            postcode: 'N1 9GU',
            address: '1 Refuge Lane',
          }),
        },
        { perpetrator: undefined },
      ),
    );
    return {
      him: offender.personId,
      her: victim.personId,
      merge: () => confirmedAsOnePerson(client, tokens.both, offender.personId, victim.personId, 'Same man'),
    };
  };
  const unmerge = async (him: string, her: string) => {
    const split = await client.post(`/v1/people/${him}/split`, tokens.both, {
      reason: 'Two different people after all',
      restore: her,
    });
    expect(split.status).toBe(200);
  };

  it('lists one made while a wrong merge joined two people under each person whose details it gave, once the merge is undone', async () => {
    const { him, her, merge } = await wronglyProposed('Jory', 'Pascoe', 7201);
    await merge();
    // All three under his id, the survivor's. MARAC saw her refuge as the latest address; IOM never
    // sees it, so gave his; the name is his record's (the first), the address MARAC saw hers.
    const refuge = await share(him, 'MARAC', ['address', 'postcode']);
    const his = await share(him, 'IOM', ['address', 'postcode']);
    const theirs = await share(him, 'MARAC', ['name', 'address']);
    expect(await listedUnder(him)).toEqual([
      entry(refuge, [him], false),
      entry(his, [him], false),
      entry(theirs, [him], false),
    ]);

    await unmerge(him, her);

    expect(await listedUnder(her)).toEqual([entry(refuge, [her], true), entry(theirs, [him, her], true)]);
    expect(await listedUnder(him)).toEqual([entry(his, [him], false), entry(theirs, [him, her], true)]);
    const one = await client.get(`/v1/disclosures/${refuge}`, tokens.auditor).expect(200);
    expect(one.body).toMatchObject({ personId: her, personIds: [her], splitSince: true });
    // The council is told too: what it holds from that share is hers, not his.
    const received = await client.get(`/v1/disclosures?agency=Islington%20Council`, tokens.islington).expect(200);
    expect((received.body.items as Item[]).find((item) => item.disclosureId === refuge)).toMatchObject({
      personId: her,
      personIds: [her],
      splitSince: true,
    });
  });

  it('gives each subject access report the disclosures about a person alone the register lists under them', async () => {
    const { him, her, merge } = await wronglyProposed('Kerensa', 'Nance', 7203);
    await merge();
    const refuge = await share(him, 'MARAC', ['address', 'postcode']);
    const his = await share(her, 'IOM', ['address', 'postcode']);
    const theirs = await share(him, 'MARAC', ['name', 'address']);
    await unmerge(him, her);

    const hers = await reportOf(her);
    // Her refuge address, given out under his id, is hers to know of; what gave out only his is not.
    expect(hers.shared).toEqual([
      { disclosureId: refuge, splitSince: true, personId: '[withheld pending review]' },
      { disclosureId: theirs, splitSince: true, personId: '[withheld pending review]' },
    ]);
    // His id, and his record behind the second, wait for review like any third party's.
    expect(hers.review).toEqual(
      expect.arrayContaining([
        '$.disclosures[0].data.personId',
        '$.disclosures[1].data.personId',
        '$.disclosures[1].data.personRecordIds[0]',
      ]),
    );
    const hisReport = await reportOf(him);
    expect(hisReport.shared).toEqual([
      { disclosureId: his, splitSince: true, personId: '[withheld pending review]' },
      { disclosureId: theirs, splitSince: true, personId: him },
    ]);
  });

  it('lists one made before a merge once under the survivor, and under her again once it is undone', async () => {
    const { him, her, merge } = await wronglyProposed('Tamsin', 'Rowe', 7202);
    const before = await share(her, 'MARAC', ['name', 'address']);
    await merge();
    expect(await listedUnder(him)).toEqual([entry(before, [him], false)]);
    expect(await listedUnder(her)).toEqual([entry(before, [him], false)]);

    await unmerge(him, her);

    expect(await listedUnder(her)).toEqual([entry(before, [her], false)]);
    expect(await listedUnder(him)).toEqual([]);
  });

  it('follows the records a split takes to a new person, not the id it was made under', async () => {
    const ewa = person({
      forenames: 'Ewa',
      surname: 'Kernow',
      dateOfBirth: '1990-08-08',
      postcode: 'N17 6AB',
      address: '1 Refuge Lane',
    });
    const first = await client.refer(tokens.both, maracReferral({ person: ewa }, { perpetrator: undefined }));
    // Her sister's referral, linked to her by the matcher: the same details but the address.
    const second = await client.refer(
      tokens.both,
      maracReferral(
        { person: { ...ewa, address: '9 Sister Street' }, referredAt: '2024-06-02T09:00:00Z' },
        { perpetrator: undefined, incidentAt: '2024-06-01T22:00:00Z' },
      ),
    );
    expect(second.personId).toBe(first.personId);
    // The latest address was her sister's; the name is from Ewa's own record.
    const address = await share(first.personId, 'MARAC', ['address']);
    const nameAndAddress = await share(first.personId, 'MARAC', ['name', 'address']);

    const records = (
      await client.personView<{ records: { recordId: string; caseId?: string }[] }>(tokens.both, first.personId)
    ).records;
    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.both, {
      reason: 'The second referral was her sister',
      recordIds: [records.find((r) => r.caseId === second.caseId)?.recordId],
      caseIds: [second.caseId],
    });
    expect(split.status).toBe(200);
    const sister = split.body.intoPersonId as string;

    expect(await listedUnder(sister)).toEqual([
      entry(address, [sister], true),
      entry(nameAndAddress, [first.personId, sister], true),
    ]);
    expect(await listedUnder(first.personId)).toEqual([entry(nameAndAddress, [first.personId, sister], true)]);
    const shared = async (personId: string) =>
      (await reportOf(personId)).shared.map(({ disclosureId }) => disclosureId);
    expect(await shared(sister)).toEqual([address, nameAndAddress]);
    expect(await shared(first.personId)).toEqual([nameAndAddress]);
  });
});
