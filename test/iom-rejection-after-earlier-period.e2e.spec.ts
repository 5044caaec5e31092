import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface Item {
  caseId: string;
  iom: { decision: string | null; reason: string | null };
}

/**
 * A prolific nominal often has an earlier IOM period behind him (adopted, then closed when he
 * moved away or went into long custody). When he is referred again, found eligible and rejected,
 * that rejection is the gap London has to explain: the earlier, closed case does not answer for
 * it, whether it was recorded under him or under a record a reviewer later merged into him. Only
 * a referral made since the rejected one (or a case still open) does. Synthetic people only.
 */
describe('an IOM rejection after an earlier IOM period that was closed', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const post = async (url: string, body: object): Promise<void> => {
    const answer = await client.post(url, tokens.coordinator, body);
    expect({ url, status: answer.status, errors: answer.body.errors }).toMatchObject({
      url,
      status: expect.any(Number),
      errors: undefined,
    });
    expect(answer.status).toBeLessThan(300);
  };
  const caseIds = async (url: string): Promise<string[]> => {
    const answer = await client.get(url, tokens.coordinator).expect(200);
    return (answer.body.items as Item[]).map((item) => item.caseId);
  };
  /** Every view of the gap: the list, the tracker's filter, and the tracker on a past day. */
  const gapViews = async (asOf: string) => ({
    list: await caseIds('/v1/panels/IOM/eligible-not-adopted?limit=500'),
    filter: await caseIds('/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&limit=500'),
    asOf: await caseIds(`/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&asOf=${asOf}&limit=500`),
  });
  const inEveryView = (caseId: string, views: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(views).map(([view, ids]) => [view, ids.includes(caseId)]));
  const everywhere = { list: true, filter: true, asOf: true };
  const nowhere = { list: false, filter: false, asOf: false };

  /** An eligible referral of `who` on `referredAt`, adopted then closed as moved out of area. */
  const managedPeriod = async (who: object, referredAt: string, adoptedAt: string, closedAt: string) => {
    const made = await client.refer(tokens.coordinator, iomReferral({}, { person: who, referredAt }));
    await post(`/v1/cases/${made.caseId}/iom/adopt`, { reason: 'Eligible, capacity', occurredAt: adoptedAt });
    await post(`/v1/cases/${made.caseId}/close`, { exitStatus: 'moved-out-of-area', occurredAt: closedAt });
    return made;
  };
  const rejectedReferral = async (who: object, referredAt: string, rejectedAt: string) => {
    const made = await client.refer(tokens.coordinator, iomReferral({}, { person: who, referredAt }));
    await post(`/v1/cases/${made.caseId}/iom/reject`, {
      category: 'capacity',
      reason: 'No capacity this quarter',
      occurredAt: rejectedAt,
    });
    return made;
  };

  it('lists the later rejection with its reason, live and as of a past day, as the analysts count it', async () => {
    const nominal = person({
      forenames: 'Dale',
      surname: 'Returnson',
      dateOfBirth: '1991-02-03',
      sex: 'male',
      identifiers: { pnc: syntheticPnc(4242) },
    });
    const earlier = await managedPeriod(
      nominal,
      '2022-01-10T10:00:00Z',
      '2022-01-20T10:00:00Z',
      '2022-09-01T10:00:00Z',
    );
    const later = await rejectedReferral(nominal, '2024-03-01T10:00:00Z', '2024-03-05T10:00:00Z');
    expect(later.personId).toBe(earlier.personId);

    expect(inEveryView(later.caseId, await gapViews('2024-03-10'))).toEqual(everywhere);
    const listed = await client.get('/v1/panels/IOM/eligible-not-adopted?limit=500', tokens.coordinator).expect(200);
    expect((listed.body.items as Item[]).find((item) => item.caseId === later.caseId)?.iom).toMatchObject({
      decision: 'rejected',
      reason: 'No capacity this quarter',
    });
    // The only rejection of an eligible referral dated 2024 in this suite: the report and the list agree.
    const report = await client
      .get('/v1/analytics/iom/cohort?from=2024-01-01&to=2024-12-31', tokens.analyst, null)
      .expect(200);
    expect(report.body.eligibleNotAdopted).toMatchObject({ rejected: 1, byReason: { capacity: 1 } });
  });

  it('lists it too when the earlier, closed case was recorded under a record later merged into him', async () => {
    // One man recorded twice: a date of birth one digit out and a new address, his PNC on one form only.
    const recordedAs = (dateOfBirth: string, postcode: string, identifiers = {}) =>
      person({ forenames: 'Lorcan', surname: 'Twiceby', dateOfBirth, postcode, sex: 'male', identifiers });
    const earlier = await managedPeriod(
      recordedAs('1987-05-14', 'N15 4QD', { pnc: syntheticPnc(4243) }),
      '2021-02-01T10:00:00Z',
      '2021-02-11T10:00:00Z',
      '2021-12-01T10:00:00Z',
    );
    const later = await rejectedReferral(
      recordedAs('1987-05-15', 'E9 6RT'),
      '2023-04-03T10:00:00Z',
      '2023-04-06T10:00:00Z',
    );
    expect(later.personId).not.toBe(earlier.personId);
    expect(inEveryView(later.caseId, await gapViews('2023-04-10'))).toEqual(everywhere);

    await confirmedAsOnePerson(client, tokens.coordinator, earlier.personId, later.personId);
    expect(inEveryView(later.caseId, await gapViews('2023-04-10'))).toEqual(everywhere);
  });

  it('leaves it out while a record merged into him holds an open IOM case: the panel manages him there', async () => {
    const recordedAs = (dateOfBirth: string, postcode: string, identifiers = {}) =>
      person({ forenames: 'Ciaran', surname: 'Heldover', dateOfBirth, postcode, sex: 'male', identifiers });
    const managed = await client.refer(
      tokens.coordinator,
      iomReferral(
        {},
        {
          person: recordedAs('1989-10-04', 'N15 4QD', { pnc: syntheticPnc(4245) }),
          referredAt: '2019-05-01T10:00:00Z',
        },
      ),
    );
    await post(`/v1/cases/${managed.caseId}/iom/adopt`, {
      reason: 'Eligible, capacity',
      occurredAt: '2019-05-09T10:00:00Z',
    });
    const later = await rejectedReferral(
      recordedAs('1989-10-05', 'E9 6RT'),
      '2019-09-02T10:00:00Z',
      '2019-09-05T10:00:00Z',
    );
    expect(inEveryView(later.caseId, await gapViews('2019-09-10'))).toEqual(everywhere);

    await confirmedAsOnePerson(client, tokens.coordinator, managed.personId, later.personId);
    expect(inEveryView(later.caseId, await gapViews('2019-09-10'))).toEqual(nowhere);
  });

  it('still leaves a rejection out once the person has been referred again since, whatever became of that referral', async () => {
    const nominal = person({
      forenames: 'Fintan',
      surname: 'Againby',
      dateOfBirth: '1993-08-21',
      sex: 'male',
      identifiers: { pnc: syntheticPnc(4244) },
    });
    const rejected = await rejectedReferral(nominal, '2020-02-03T10:00:00Z', '2020-02-10T10:00:00Z');
    expect(inEveryView(rejected.caseId, await gapViews('2020-03-01'))).toEqual(everywhere);
    const again = await managedPeriod(nominal, '2020-06-01T10:00:00Z', '2020-06-08T10:00:00Z', '2020-11-02T10:00:00Z');
    expect(again.personId).toBe(rejected.personId);
    // Before the new referral his rejection stood; from then on the new referral answers for him.
    const views = await gapViews('2020-12-01');
    const before = await caseIds('/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&asOf=2020-05-31&limit=500');
    expect({ ...inEveryView(rejected.caseId, views), before: before.includes(rejected.caseId) }).toEqual({
      ...nowhere,
      before: true,
    });
  });
});
