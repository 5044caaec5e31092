import type { PeopleClient } from './people';

/**
 * A person has one open IOM case: a set-up that refers the same nominal to IOM again first has the
 * panel reject the open case (a synthetic rejection, category `not-suitable`).
 */
export async function rejectedByIom(client: PeopleClient, token: string, caseId: string): Promise<void> {
  const rejected = await client.post(`/v1/cases/${caseId}/iom/reject`, token, {
    category: 'not-suitable',
    reason: 'Synthetic set-up: the nominal is referred again',
  });
  expect({ status: rejected.status, body: rejected.body }).toMatchObject({ status: 200 });
}
