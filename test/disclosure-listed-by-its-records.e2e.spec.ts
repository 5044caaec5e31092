/**
 * Whom the register lists a disclosure about a person alone under once that person has been split
 * (the s15 closing note's known defect). Made while a wrong merge joined an IOM offender and a
 * MARAC victim, it passed on details of whichever of the two its panel's view showed: after the
 * merge is undone, an auditor (and her subject access request) must find it under her when it gave
 * out her refuge address, never under him alone, and must not find it under her when it gave out
 * only his. So it is listed under whoever holds the records behind what it passed on, and says the
 * person was split since. Synthetic people, addresses and staff only.
 */
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { confirmedAsOnePerson } from './support/match-reviews';
import { person } from './support/referrals';
import { herAndHerSisterAsOne, sisterSplitOff } from './support/sisters';
import { iomOffenderReferred, maracVictimReferred, mergeUndone } from './support/wrong-merges';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('records');
const ISLINGTON = councilPractitioner('islington-records', 'Islington Council');

interface Item {
  disclosureId: string;
  personId: string;
  personIds: string[];
  splitSince: boolean;
}

describe('a disclosure about a person alone is listed under whoever holds the details it passed on', () => {
  const { client, tokens, dsaId } = apiWithAgreement(
    { admin: ADMIN, both: BOTH, islington: ISLINGTON, auditor: AUDITOR },
    ['Metropolitan Police', 'Islington Council'],
  );

  /** A share to Islington about a person alone, for `panel`, of `fields`. */
  const share = (personId: string, panel: string, fields: string[]) =>
    disclosed(client, tokens.both, { toAgency: 'Islington Council', personId, panel, fields, dsaId: dsaId() });
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
    const offender = await iomOffenderReferred(client, tokens.both, { forenames, surname, pncSerial });
    const victim = await maracVictimReferred(client, tokens.both, { forenames, surname });
    return {
      him: offender.personId,
      her: victim.personId,
      merge: () => confirmedAsOnePerson(client, tokens.both, offender.personId, victim.personId, 'Same man'),
    };
  };
  const unmerge = (him: string, her: string) => mergeUndone(client, tokens.both, him, her);

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
    // A blank agency is a mistake, not a register with nothing in it.
    for (const blank of ['', '%20%20']) {
      const refused = await client.get(`/v1/disclosures?agency=${blank}`, tokens.islington).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'agency', rule: 'not-blank' })]);
    }
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
    // Her sister's referral, linked to her by the matcher: the same details but the address.
    const { first, second } = await herAndHerSisterAsOne(client, tokens.both, ewa);
    // The latest address was her sister's; the name is from Ewa's own record.
    const address = await share(first.personId, 'MARAC', ['address']);
    const nameAndAddress = await share(first.personId, 'MARAC', ['name', 'address']);

    const { sister } = await sisterSplitOff(client, tokens.both, first.personId, second);

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
