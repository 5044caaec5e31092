import { apiForSuite } from './support/api-suite';
import { reviewEveryMatchModelFile } from './support/review-every-match';
import { queuedReviewOf } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { iomReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Two reviewers confirm A~B and B~C at the same moment, where A and C hold different PNC IDs: each
 * confirmation alone is sound, together they would make one person of two PNC IDs. Under an area
 * model that sends every match to a reviewer, so both pairs wait in the queue. Synthetic people only.
 */
describe('confirmations of two pairs sharing a person, sent at the same moment', () => {
  const { client, tokens } = apiForSuite(
    { all: COORDINATOR_ALL_PANELS },
    { MATCHING_MODEL_FILE: reviewEveryMatchModelFile() },
  );
  const refer = async (identifiers: Record<string, string>): Promise<string> => {
    const body = iomReferral({}, { person: hollingsworth({ surname: 'Polglase', identifiers }) });
    const response = await client.post('/v1/referrals', tokens.all, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.personId as string;
  };

  it('merges one pair and refuses the other with 409 identifier-conflict, never one person with two PNC IDs', async () => {
    const a = await refer({ pnc: syntheticPnc(9301) });
    const b = await refer({});
    const c = await refer({ pnc: syntheticPnc(9302) });
    const ab = await queuedReviewOf(client, tokens.all, a, b);
    const bc = await queuedReviewOf(client, tokens.all, b, c);

    const confirm = (id: string) =>
      client.post(`/v1/people/match-reviews/${id}/confirm`, tokens.all, { reason: 'Same man per probation' });
    const answers = await Promise.all([confirm(ab.id), confirm(bc.id)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body).toMatchObject({ rule: 'identifier-conflict' });

    const person = (await client.get(`/v1/people/${b}`, tokens.all).expect(200)).body as {
      identifiers?: { pnc?: unknown[] };
    };
    expect(person.identifiers?.pnc).toHaveLength(1);
  });
});
