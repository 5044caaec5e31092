import { matchReviewQueue, queuedReviewOf, reviewOfPair } from './support/match-reviews';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface RecordView {
  recordId: string;
  panel: string | null;
  caseId?: string;
  link?: { score?: number; levels: Record<string, string> };
}
interface PersonView {
  personId: string;
  golden: { postcode?: string; address?: string };
  datesOfBirth: string[];
  records: RecordView[];
}

/** Where the victim lives: the MARAC referral gives it as the perpetrator's address too. */
const HIDDEN = { address: '7 Hidden Lane', postcode: 'E5 0ZZ' };

/**
 * A MARAC referral's perpetrator record often carries the victim's household address. When it
 * joins a person another panel holds (an Alliance child, an IOM nominal), that panel must not
 * learn the address, its postcode, or how it compared with their own records: it is MARAC's,
 * as the victim's own record is. Synthetic people only.
 */
describe("a MARAC perpetrator's record", () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    allianceOnly: { sub: 'alliance-c', roles: ['coordinator'], panels: ['ALLIANCE'] },
    iomOnly: { sub: 'iom-c', roles: ['coordinator'], panels: ['IOM'] },
    admin: { sub: 'admin-c', roles: ['admin'], panels: [] },
  });

  const refer = (body: unknown) => client.refer(tokens.all, body);
  const naming = (victimSurname: string, perpetrator: Record<string, unknown>) =>
    refer(
      maracReferral(
        { person: person({ forenames: 'Ffion', surname: victimSurname, dateOfBirth: '1978-02-03', ...HIDDEN }) },
        { perpetrator: { ...perpetrator, ...HIDDEN }, relationshipToVictim: 'adolescent-son' },
      ),
    );
  const viewOf = (token: string, personId: string) => client.personView<PersonView>(token, personId);
  const expectNoHiddenAddress = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const secret of [HIDDEN.address, HIDDEN.postcode, '"residence"']) expect(text).not.toContain(secret);
  };
  const linkedRecord = (view: PersonView) => view.records.find((r) => r.link !== undefined);
  /** An Alliance child, then a MARAC referral naming him as perpetrator at the victim's address. */
  const childNamedAsPerpetrator = async (forenames: string, surname: string, dateOfBirth: string) => {
    const child = { forenames, surname, dateOfBirth, sex: 'male', postcode: 'N15 4QZ' };
    const alliance = await refer(allianceReferral({ person: person(child) }));
    const marac = await naming(surname, child);
    expect(marac.perpetratorPersonId).toBe(alliance.personId);
    return { child, alliance, marac };
  };

  it('keeps its address, postcode, score and residence level from the Alliance reader; MARAC members see them', async () => {
    const { alliance, marac } = await childNamedAsPerpetrator('Lorcan', 'Quibell', '2007-05-18');

    const seen = await viewOf(tokens.allianceOnly, alliance.personId);
    expect(seen.golden).toMatchObject({ postcode: 'N15 4QZ' });
    expectNoHiddenAddress(seen);
    expect(linkedRecord(seen)).toEqual({
      recordId: expect.any(String),
      panel: 'MARAC',
      link: {
        levels: expect.objectContaining({ forename: 'exact', dateOfBirth: 'exact' }),
        model: { id: 'uk-synthetic-referrals', version: 1 },
      },
    });
    // His own name and date of birth: the Alliance panel holds them already.
    expect(seen.datesOfBirth).toEqual(['2007-05-18']);

    const member = await viewOf(tokens.all, alliance.personId);
    expect(member.golden).toMatchObject(HIDDEN);
    expect(linkedRecord(member)).toMatchObject({
      panel: 'MARAC',
      caseId: marac.caseId,
      link: { score: expect.any(Number), levels: expect.objectContaining({ residence: expect.any(String) }) },
    });
  });

  it('withholds the residence comparison of reviews with that person, through a merge and a split', async () => {
    const { child, alliance } = await childNamedAsPerpetrator('Robert', 'Penwarden', '2006-09-14');
    // Another Alliance referral one date-of-birth digit off, elsewhere: a question for a reviewer.
    const other = await refer(
      allianceReferral({ person: person({ ...child, dateOfBirth: '2006-09-15', postcode: 'N4 2LA' }) }),
    );

    const withheld = await queuedReviewOf(client, tokens.allianceOnly, alliance.personId, other.personId);
    expectNoHiddenAddress(withheld);
    expect(withheld.score).toBeUndefined();
    expect(
      (await queuedReviewOf(client, tokens.all, alliance.personId, other.personId)).levels.residence,
    ).toBeDefined();
    const detail = async () =>
      (await client.get(`/v1/people/match-reviews/${withheld.id}`, tokens.allianceOnly).expect(200)).body as unknown;
    expectNoHiddenAddress(await detail());

    const confirmed = await client.post(`/v1/people/match-reviews/${withheld.id}/confirm`, tokens.all, {
      reason: 'Same boy: school records the 14th',
    });
    expect(confirmed.status).toBe(200);
    expectNoHiddenAddress(await viewOf(tokens.allianceOnly, other.personId));
    expectNoHiddenAddress(await detail());

    const split = await client.post(`/v1/people/${alliance.personId}/split`, tokens.all, {
      reason: 'Different boys: school records the 14th for one only',
      restore: other.personId,
    });
    expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
    expectNoHiddenAddress(await detail());
    expectNoHiddenAddress(await viewOf(tokens.allianceOnly, other.personId));
    expectNoHiddenAddress(await viewOf(tokens.allianceOnly, alliance.personId));
  });

  it('keeps its address from the IOM reader once a reviewer merges the perpetrator into their nominal', async () => {
    const nominal = { forenames: 'Robert', surname: 'Trevanion', dateOfBirth: '1981-04-07', sex: 'male' };
    const marac = await naming('Trevanion', nominal);
    const named = marac.perpetratorPersonId ?? '';
    const iom = await refer(
      iomReferral({}, { person: person({ ...nominal, dateOfBirth: '1981-04-08', postcode: 'W3 7QS' }) }),
    );
    expect(iom.personId).not.toBe(named);
    const review = reviewOfPair(await matchReviewQueue(client, tokens.admin), named, iom.personId);
    const confirmed = await client.post(`/v1/people/match-reviews/${review?.id}/confirm`, tokens.admin, {
      reason: 'Probation confirms the date of birth typo',
    });
    expect(confirmed.body).toMatchObject({ survivorId: named, mergedId: iom.personId });

    const seen = await viewOf(tokens.iomOnly, iom.personId);
    expect(seen.golden).toMatchObject({ postcode: 'W3 7QS' });
    expectNoHiddenAddress(seen);
    expect((await viewOf(tokens.all, iom.personId)).golden.address).toBe(HIDDEN.address);
  });
});
