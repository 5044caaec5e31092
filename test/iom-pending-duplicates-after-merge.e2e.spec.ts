import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface Item {
  caseId: string;
  iom: { decision: string | null; alsoPending: string[] };
}

/**
 * One nominal referred to IOM twice under two records (a date of birth one digit out, a new
 * address), both referrals awaiting a decision, until a reviewer confirms the records are one man.
 * The eligible-not-adopted list then shows him once, by the first referral, naming the other as
 * its duplicate; the analysts' report counts him once too. Synthetic people only.
 */
describe('two IOM referrals awaiting a decision that a merge shows are one nominal', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const items = async (url: string): Promise<[string, string[]][]> =>
    ((await client.get(url, tokens.coordinator).expect(200)).body.items as Item[]).map((item) => [
      item.caseId,
      item.iom.alsoPending,
    ]);
  const gapViews = async () => ({
    list: await items('/v1/panels/IOM/eligible-not-adopted?limit=500'),
    filter: await items('/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&limit=500'),
    asOf: await items('/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&asOf=2024-06-01&limit=500'),
  });
  const awaitingDecision = async (): Promise<number> =>
    (await client.get('/v1/analytics/iom/cohort?from=2024-01-01&to=2024-06-01', tokens.analyst, null).expect(200)).body
      .eligibleNotAdopted.awaitingDecision;

  it('lists him once, by the first referral naming the second, and the analysts count him once', async () => {
    const recordedAs = (dateOfBirth: string, postcode: string, identifiers = {}) =>
      person({ forenames: 'Declan', surname: 'Twicereferred', dateOfBirth, postcode, sex: 'male', identifiers });
    const first = await client.refer(
      tokens.coordinator,
      iomReferral(
        {},
        {
          person: recordedAs('1990-07-12', 'N15 4QD', { pnc: syntheticPnc(4301) }),
          referredAt: '2024-03-04T10:00:00Z',
        },
      ),
    );
    const second = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: recordedAs('1990-07-13', 'E9 6RT'), referredAt: '2024-04-10T10:00:00Z' }),
    );
    expect(second.personId).not.toBe(first.personId);
    const apart: [string, string[]][] = [
      [first.caseId, []],
      [second.caseId, []],
    ];
    expect(await gapViews()).toEqual({ list: apart, filter: apart, asOf: apart });
    expect(await awaitingDecision()).toBe(2);

    await confirmedAsOnePerson(client, tokens.coordinator, first.personId, second.personId);
    const once: [string, string[]][] = [[first.caseId, [second.caseId]]];
    expect(await gapViews()).toEqual({ list: once, filter: once, asOf: once });
    expect(await awaitingDecision()).toBe(1);
    // The tracker keeps both for the panel to decide one and close the other; each names the other.
    expect(await items('/v1/panels/IOM/cohort?limit=500')).toEqual([
      [first.caseId, [second.caseId]],
      [second.caseId, [first.caseId]],
    ]);
  });
});
