/**
 * Whom a disclosure opens after a split or an undone merge (review s15-people, finding 1). A
 * disclosure about a case opens the person who holds that case now, as the register's `?personId=`
 * lists it: the recipient keeps the person it was given and is never shown someone else's address
 * (a MARAC victim's refuge) because a reviewer moved the case. One about a person alone opens
 * whoever holds the records behind what it gave out, and only while the panel it acted for still
 * sees them. Either opens each field only from the records its value came from
 * (disclosure-opens-its-records.e2e.spec.ts). Synthetic people only.
 */
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { confirmedAsOnePerson } from './support/match-reviews';
import { person } from './support/referrals';
import type { TestUser } from './support/tokens';
import { herAndHerSisterAsOne, sisterSplitOff } from './support/sisters';
import { iomOffenderReferred, maracVictimReferred, mergeUndone } from './support/wrong-merges';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('follows');
const MARAC_C: TestUser = {
  sub: 'marac-follows',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const HARINGEY = councilPractitioner('haringey-follows', 'Haringey Council');
const CAMDEN = councilPractitioner('camden-follows', 'Camden Council');
const ISLINGTON = councilPractitioner('islington-follows', 'Islington Council');

const PERSON_FIELDS = ['name', 'dateOfBirth', 'address', 'postcode'];
/** What a recipient is shown of the victim when all it was given of her was her refuge address and postcode. */
const HER_REFUGE_ONLY = {
  status: 200,
  forenames: undefined,
  dateOfBirth: undefined,
  address: '1 Refuge Lane',
  postcode: 'N1 9GU',
};

describe('a disclosure opens the person it is about now', () => {
  const { client, tokens, dsaId } = apiWithAgreement(
    {
      admin: ADMIN,
      marac: MARAC_C,
      both: BOTH,
      haringey: HARINGEY,
      camden: CAMDEN,
      islington: ISLINGTON,
      auditor: AUDITOR,
    },
    ['Metropolitan Police', 'Haringey Council', 'Camden Council', 'Islington Council'],
  );

  const share = (token: string, toAgency: string, about: Record<string, unknown>) =>
    disclosed(client, token, { toAgency, ...about, fields: PERSON_FIELDS, dsaId: dsaId() });
  const view = async (token: string, personId: string) => {
    const answer = await client.get(`/v1/people/${personId}`, token);
    return { status: answer.status, body: answer.body as Record<string, unknown> };
  };
  /** The person fields a recipient is shown. */
  const fieldsShown = async (token: string, personId: string) => {
    const { status, body } = await view(token, personId);
    const { forenames, dateOfBirth, address, postcode } = body;
    return { status, forenames, dateOfBirth, address, postcode };
  };
  const register = async (query: string) =>
    (await client.get(`/v1/disclosures?${query}`, tokens.auditor).expect(200)).body.items as {
      disclosureId: string;
      personId: string;
    }[];

  it('moves a case disclosure with its case when a split gives the case to a new person', async () => {
    const carla = person({
      forenames: 'Carla',
      surname: 'Trevaskis',
      dateOfBirth: '1991-05-05',
      postcode: 'N17 6AB',
      address: '1 Refuge Lane',
    });
    // Her sister's referral, linked to her by the matcher: the same details but the address.
    const { first, second } = await herAndHerSisterAsOne(client, tokens.marac, carla);
    const disclosureId = await share(tokens.marac, 'Haringey Council', { caseId: second.caseId });
    expect((await view(tokens.haringey, first.personId)).body).toMatchObject({ address: '9 Sister Street' });

    const { sister } = await sisterSplitOff(client, tokens.marac, first.personId, second);

    // The council keeps the woman it was told about, and is never shown Carla's refuge.
    expect(await view(tokens.haringey, sister)).toMatchObject({
      status: 200,
      body: {
        personId: sister,
        address: '9 Sister Street',
        access: { via: 'disclosure', disclosureIds: [disclosureId] },
      },
    });
    const carlaNow = await view(tokens.haringey, first.personId);
    expect({ status: carlaNow.status, rule: carlaNow.body.rule }).toEqual({ status: 404, rule: 'person-exists' });
    expect(JSON.stringify(carlaNow.body)).not.toContain('Refuge');

    // The register names the same person the entry opens.
    expect(await register(`personId=${sister}`)).toEqual([expect.objectContaining({ disclosureId, personId: sister })]);
    expect(await register(`personId=${first.personId}`)).toEqual([]);
    expect((await client.get(`/v1/disclosures/${disclosureId}`, tokens.auditor).expect(200)).body.personId).toBe(
      sister,
    );
  });

  /**
   * An IOM offender and a MARAC victim, confirmed as one person by mistake: he survives. Each call
   * gives other names, so nobody from an earlier test matches them.
   */
  const wronglyMerged = async (forenames: string, surname: string, pncSerial: number) => {
    const offender = await iomOffenderReferred(client, tokens.both, { forenames, surname, pncSerial });
    const victim = await maracVictimReferred(client, tokens.both, { forenames, surname });
    await confirmedAsOnePerson(client, tokens.both, offender.personId, victim.personId, 'Same man, DOB mistyped');
    return { offender, victim };
  };
  const unmerge = (offenderId: string, victimId: string) => mergeUndone(client, tokens.both, offenderId, victimId);
  const notFound = async (token: string, personId: string) => {
    const answer = await view(token, personId);
    return { status: answer.status, rule: answer.body.rule };
  };

  it('gives a case disclosure made while they were merged back with her case when the merge is undone', async () => {
    const { offender, victim } = await wronglyMerged('Robert', 'Penwarden', 7101);
    const disclosureId = await share(tokens.both, 'Haringey Council', { caseId: victim.caseId });
    expect(await view(tokens.haringey, victim.personId)).toMatchObject({
      status: 200,
      body: { personId: offender.personId, address: '1 Refuge Lane' },
    });

    await unmerge(offender.personId, victim.personId);

    expect(await view(tokens.haringey, victim.personId)).toMatchObject({
      status: 200,
      body: {
        personId: victim.personId,
        address: '1 Refuge Lane',
        access: { via: 'disclosure', disclosureIds: [disclosureId] },
      },
    });
    // Her refuge address and postcode were what the council was given (the latest MARAC saw); the
    // name and date of birth were his record's, the first: her own were never disclosed.
    expect(await fieldsShown(tokens.haringey, victim.personId)).toEqual(HER_REFUGE_ONLY);
    // Her subject access report names the share, never his record behind the name and date of birth.
    const his = await client.personView<{ records: { recordId: string }[] }>(tokens.both, offender.personId);
    const report = await client.get(`/v1/audit/subject-access/${victim.personId}`, tokens.auditor, null).expect(200);
    expect(JSON.stringify(report.body.disclosures)).toContain(disclosureId);
    for (const { recordId } of his.records) expect(JSON.stringify(report.body.disclosures)).not.toContain(recordId);
    // Not even a bare answer that would say the offender is the subject of a MARAC disclosure.
    expect(await notFound(tokens.haringey, offender.personId)).toEqual({ status: 404, rule: 'person-exists' });
    expect(await register(`personId=${victim.personId}`)).toEqual([
      expect.objectContaining({ disclosureId, personId: victim.personId }),
    ]);
    expect(await register(`personId=${offender.personId}`)).toEqual([]);
  });

  it('opens a disclosure about a person alone made while they were merged on whoever holds what it gave out, as its panel sees them, after the merge is undone', async () => {
    const { offender, victim } = await wronglyMerged('Lowen', 'Trethowan', 7102);
    // Under her own id, for MARAC; under the survivor's id, for IOM; under the survivor's id, for MARAC.
    await share(tokens.both, 'Haringey Council', { personId: victim.personId, panel: 'MARAC' });
    await share(tokens.both, 'Camden Council', { personId: offender.personId, panel: 'IOM' });
    await share(tokens.both, 'Islington Council', { personId: offender.personId, panel: 'MARAC' });
    for (const token of [tokens.haringey, tokens.camden, tokens.islington])
      expect((await view(token, offender.personId)).status).toBe(200);

    await unmerge(offender.personId, victim.personId);

    // MARAC gave out her refuge address and postcode (the latest it saw) and his name and date of
    // birth (his record, the first): the council keeps her address, and MARAC, which sees none of
    // his records now, opens nothing of him.
    expect(await view(tokens.haringey, victim.personId)).toMatchObject({
      status: 200,
      body: { personId: victim.personId, address: '1 Refuge Lane' },
    });
    expect(await fieldsShown(tokens.haringey, victim.personId)).toEqual(HER_REFUGE_ONLY);
    expect(await notFound(tokens.haringey, offender.personId)).toEqual({ status: 404, rule: 'person-exists' });
    // His id and IOM both point to him.
    expect(await view(tokens.camden, offender.personId)).toMatchObject({
      status: 200,
      body: { personId: offender.personId, address: '5 Offender Road' },
    });
    expect(await notFound(tokens.camden, victim.personId)).toEqual({ status: 404, rule: 'person-exists' });
    // His id, for MARAC: what it gave out says whose. Her refuge address and postcode, which the
    // council was given, open on her; his name and date of birth open nothing (MARAC knows only her).
    expect(await fieldsShown(tokens.islington, victim.personId)).toEqual(HER_REFUGE_ONLY);
    expect(await notFound(tokens.islington, offender.personId)).toEqual({ status: 404, rule: 'person-exists' });
  });
});
