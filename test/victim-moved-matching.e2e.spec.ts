import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The matcher compares a referral with each record as it stands now: a victim's move recorded
 * through her MARAC case on the record her referral brought in is where she is found next. A
 * later referral under her own surname, with a slip in her date of birth, shares only her forename
 * and the refuge's address: no key but the new postcode and address brings her record up at all,
 * and against the refuge it is her, at least for a reviewer to decide. Synthetic people and addresses.
 */
describe('a victim who moved is matched at her new address', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const refer = (body: unknown) => client.refer(tokens.all, body);
  const jenifer = (overrides: Record<string, unknown>) =>
    person({ forenames: 'Jenifer', dateOfBirth: '1987-10-21', identifiers: undefined, ...overrides });

  it('links or proposes a referral that shares only her forename and new address', async () => {
    const before = { surname: 'Pellowe', address: '2 Probation Synthetic Road', postcode: 'N15 4QQ' };
    const iom = await refer(iomReferral({}, { person: jenifer(before) }));
    const marac = await refer(maracReferral({ person: jenifer(before) }, { perpetrator: undefined }));
    expect(marac.personId).toBe(iom.personId);
    const moved = await client.post(`/v1/cases/${marac.caseId}/person-details`, tokens.all, {
      address: '4 Refuge Synthetic Close',
      postcode: 'E5 0QQ',
    });
    expect(moved.status).toBe(200);

    const atRefuge = {
      surname: 'Trebilcock',
      dateOfBirth: '1987-10-27',
      address: '4 Refuge Synthetic Close',
      postcode: 'E5 0QQ',
    };
    const again = await refer(
      maracReferral({ referredAt: '2024-09-02T09:00:00Z', person: jenifer(atRefuge) }, { perpetrator: undefined }),
    );
    const linked = again.personId === iom.personId;
    const proposed = reviewOfPair(await matchReviewQueue(client, tokens.all), iom.personId, again.personId);
    expect({ linked, proposed: proposed !== undefined }).not.toEqual({ linked: false, proposed: false });
  });

  it('finds her, not the nominal a split took her record off, at her new address', async () => {
    const before = {
      forenames: 'Demelza',
      surname: 'Polglase',
      address: '3 Probation Synthetic Road',
      postcode: 'N15 4QR',
    };
    const iom = await refer(iomReferral({}, { person: jenifer(before) }));
    const marac = await refer(maracReferral({ person: jenifer(before) }, { perpetrator: undefined }));
    expect(marac.personId).toBe(iom.personId);
    const view = await client.get(`/v1/people/${iom.personId}`, tokens.all, 'split review').expect(200);
    const record = (view.body.records as { recordId: string; caseId?: string }[]).find(
      (r) => r.caseId === marac.caseId,
    );
    const split = await client.post(`/v1/people/${iom.personId}/split`, tokens.all, {
      reason: 'The MARAC victim is not the IOM nominal',
      recordIds: [record?.recordId],
      caseIds: [marac.caseId],
    });
    expect(split.status).toBe(200);
    const her = split.body.intoPersonId as string;
    const moved = await client.post(`/v1/cases/${marac.caseId}/person-details`, tokens.all, {
      address: '5 Refuge Synthetic Close',
      postcode: 'E5 0QR',
    });
    expect(moved.status).toBe(200);

    const atRefuge = {
      ...before,
      surname: 'Trebilcock',
      dateOfBirth: '1987-10-27',
      address: '5 Refuge Synthetic Close',
    };
    const again = await refer(
      maracReferral(
        { referredAt: '2024-09-02T09:00:00Z', person: jenifer({ ...atRefuge, postcode: 'E5 0QR' }) },
        { perpetrator: undefined },
      ),
    );
    const reviews = await matchReviewQueue(client, tokens.all);
    const withHer = again.personId === her || reviewOfPair(reviews, her, again.personId) !== undefined;
    const withHim =
      again.personId === iom.personId || reviewOfPair(reviews, iom.personId, again.personId) !== undefined;
    expect({ withHer, withHim }).toEqual({ withHer: true, withHim: false });
  });
});
