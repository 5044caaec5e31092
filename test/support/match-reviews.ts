import { EVENT_STORE, type EventStore } from '../../libs/event-store/src/port/event-store';
import type { PeopleClient } from './people';
import type { TestApi } from './test-api';

/** A proposal in the review queue, as the reader is allowed to see it. */
export interface MatchReview {
  id: string;
  personIds: [string, string];
  score?: number;
  levels: Record<string, string>;
  guards: string[];
}

/** The review queue as the token's holder sees it; purpose null sends no X-Purpose header. */
export async function matchReviewQueue(
  client: PeopleClient,
  token: string,
  purpose: string | null = 'case review',
): Promise<MatchReview[]> {
  return (await client.get('/v1/people/match-reviews?limit=500', token, purpose).expect(200)).body.items;
}

/** The review of two people, whichever way round the queue names them. */
export const reviewOfPair = (reviews: MatchReview[], x: string, y: string): MatchReview | undefined =>
  reviews.find((r) => r.personIds.includes(x) && r.personIds.includes(y));

/** The review of two people that must be waiting in the queue. */
export async function queuedReviewOf(
  client: PeopleClient,
  token: string,
  x: string,
  y: string,
  purpose?: string | null,
): Promise<MatchReview> {
  const review = reviewOfPair(await matchReviewQueue(client, token, purpose), x, y);
  if (review === undefined) throw new Error(`no review of ${x} and ${y} in the queue`);
  return review;
}

/**
 * A reviewer confirms that two records waiting in the queue are one victim: the one registered
 * first survives and the other is merged into it.
 */
export async function confirmedAsOnePerson(
  client: PeopleClient,
  token: string,
  olderId: string,
  newerId: string,
  reason = 'IDVA confirms one victim: date of birth mistyped, moved to a refuge',
): Promise<void> {
  const review = await queuedReviewOf(client, token, olderId, newerId);
  const confirmed = await client.post(`/v1/people/match-reviews/${review.id}/confirm`, token, { reason });
  expect({ status: confirmed.status, body: confirmed.body }).toMatchObject({
    status: 200,
    body: { survivorId: olderId, mergedId: newerId },
  });
}

/**
 * The id of the proposal of two people as the log recorded it (either way round), for a review the
 * queue leaves out: a reviewer reaches it from a link elsewhere, a test from the log.
 */
export async function proposedReviewId(api: TestApi, x: string, y: string): Promise<string> {
  const proposed = (await api.app.get<symbol, EventStore>(EVENT_STORE).readAll({}))
    .filter((event) => event.type === 'match-proposed')
    .map((event) => event.data as { proposalId: string; personIds: [string, string] })
    .find(({ personIds }) => personIds.includes(x) && personIds.includes(y));
  if (proposed === undefined) throw new Error(`no proposal of ${x} and ${y} in the log`);
  return proposed.proposalId;
}
