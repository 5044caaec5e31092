import type { PeopleClient, ReferralMade } from './people';
import { maracReferral } from './referrals';

/**
 * A MARAC victim referred, then her sister's referral, which the matcher links to her: the same
 * details but the address, a month later. Both must be one person.
 */
export async function herAndHerSisterAsOne(client: PeopleClient, token: string, her: Record<string, unknown>) {
  const first = await client.refer(token, maracReferral({ person: her }, { perpetrator: undefined }));
  const second = await client.refer(
    token,
    maracReferral(
      { person: { ...her, address: '9 Sister Street' }, referredAt: '2024-06-02T09:00:00Z' },
      { perpetrator: undefined, incidentAt: '2024-06-01T22:00:00Z' },
    ),
  );
  expect(second.personId).toBe(first.personId);
  return { first, second };
}

/**
 * A coordinator splits the sister's record and case (`second`) off the person, expecting 200.
 * Answers the person's records as they stood before, and the sister's new person.
 */
export async function sisterSplitOff(client: PeopleClient, token: string, personId: string, second: ReferralMade) {
  const records = (await client.personView<{ records: { recordId: string; caseId?: string }[] }>(token, personId))
    .records;
  const split = await client.post(`/v1/people/${personId}/split`, token, {
    reason: 'The second referral was her sister',
    recordIds: [records.find((r) => r.caseId === second.caseId)?.recordId],
    caseIds: [second.caseId],
  });
  expect(split.status).toBe(200);
  return { records, sister: split.body.intoPersonId as string };
}
