import { EVENT_STORE, type EventStore } from '../../libs/event-store/src/port/event-store';
import type { PeopleClient } from './people';
import type { TestApi } from './test-api';

/**
 * Sends a referral once with the connection dropping as it is noted on the person's referral
 * stream: by then the people it names have been written, so the attempt answers 500 and leaves
 * records no referral names (unless an identical retry takes them over).
 */
export async function referralFailingAfterPeopleWritten(
  api: TestApi,
  client: PeopleClient,
  token: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const store = api.app.get<symbol, EventStore>(EVENT_STORE);
  const append = store.append.bind(store);
  const faulty = jest.spyOn(store, 'append');
  faulty.mockImplementation((stream, ...rest) => {
    if (!stream.startsWith('personreferrals-')) return append(stream, ...rest);
    faulty.mockRestore();
    return Promise.reject(new Error('connection lost'));
  });
  expect((await client.post('/v1/referrals', token, body, headers)).status).toBe(500);
}
