import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic people only.
interface Refusal {
  status: number;
  body: { errors?: { field?: string; rule: string }[] };
}
const refusal = (response: Refusal) => ({
  status: response.status,
  errors: response.body.errors?.map(({ field, rule }) => ({ field, rule })),
});

/**
 * An accept sent without `occurredAt` is dated when it was recorded, not when the panel decided:
 * every accept before decision dates were kept, and any back-filled case. Only a decision dated by
 * the client bounds its closure; the referral and the clock still bound every closure.
 */
describe('closing a case accepted without a date', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const referred = async (forenames: string, surname: string) =>
    (
      await referredToMarac(
        client,
        tokens.coordinator,
        person({ forenames, surname, dateOfBirth: '1987-07-07' }),
        '2024-05-02T10:00:00Z',
      )
    ).caseId;
  /** Referred on 2 May 2024, accepted with `accept` as the body, then closed on `closedOn`. */
  const acceptedThenClosed = async (surname: string, accept: Record<string, unknown>, closedOn: string) => {
    const caseId = await referred('Morwenna', surname);
    const url = `/v1/cases/${caseId}`;
    expect((await client.post(`${url}/accept`, tokens.coordinator, accept)).status).toBe(200);
    const close = { exitStatus: 'action-plan-completed', occurredAt: closedOn };
    return { caseId, closed: await client.post(`${url}/close`, tokens.coordinator, close) };
  };

  it('closes it on its real, earlier day', async () => {
    const { caseId, closed } = await acceptedThenClosed('Tregarthen', {}, '2024-08-01T10:00:00Z');

    expect({ status: closed.status, events: (closed.body as { events?: unknown }).events }).toEqual({
      status: 200,
      events: ['case-closed'],
    });
    const held = await client.get(`/v1/cases/${caseId}`, tokens.coordinator).expect(200);
    expect(held.body).toMatchObject({ closedAt: '2024-08-01T10:00:00Z' });
  });

  it('still refuses a closure before the referral', async () => {
    const { closed } = await acceptedThenClosed('Penwarden', {}, '2024-05-01T10:00:00Z');

    expect(refusal(closed)).toEqual({ status: 400, errors: [{ field: 'occurredAt', rule: 'closure-from-referral' }] });
  });

  it('refuses a closure before an accept the client dated', async () => {
    const dated = { occurredAt: '2024-06-10T10:00:00Z' };
    const { closed } = await acceptedThenClosed('Polglaze', dated, '2024-06-01T10:00:00Z');

    expect(refusal(closed)).toEqual({ status: 400, errors: [{ field: 'occurredAt', rule: 'closure-after-decision' }] });
  });
});
