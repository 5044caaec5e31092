import type { PeopleClient } from './people';
import { maracReferral } from './referrals';

export interface MaracReferralMade {
  readonly caseId: string;
  readonly personId: string;
  readonly repeat: boolean;
}

/**
 * Refers a synthetic victim to MARAC at a given instant (the incident the day before, no
 * perpetrator named, so only the victim is matched) and expects it accepted.
 */
export async function referredToMarac(
  client: PeopleClient,
  token: string,
  victim: Record<string, unknown>,
  referredAt: string,
  marac: Record<string, unknown> = {},
): Promise<MaracReferralMade> {
  const incidentAt = new Date(Date.parse(referredAt) - 86_400_000).toISOString();
  const body = maracReferral({ person: victim, referredAt }, { perpetrator: undefined, incidentAt, ...marac });
  const response = await client.post('/v1/referrals', token, body);
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
  return response.body as MaracReferralMade;
}
