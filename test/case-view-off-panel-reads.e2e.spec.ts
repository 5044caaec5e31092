/**
 * A reader off the case's panel opens a case: what was disclosed to their agency, else the 404 of
 * an unknown case. Every view of a case is one read of its stream, however much of it the
 * disclosure opens (the referral's safe number and children included): a case with years of
 * meetings is a long stream, and reading it again and again slows every disclosed view. Counted
 * on the real embedded store the API runs on. Synthetic people, numbers and agencies only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { maracReferral, person } from './support/referrals';

const { ADMIN, BOTH } = disclosingUsers('off-panel-reads');
const HACKNEY = councilPractitioner('hackney-off-panel-reads', 'Hackney Council');

/** The store, its reads of each stream counted as it serves them; `restore` takes the count off. */
function countingReads(store: EventStore) {
  const reads = new Map<string, number>();
  const readStream = store.readStream.bind(store);
  store.readStream = (stream, options) => {
    reads.set(stream, (reads.get(stream) ?? 0) + 1);
    return readStream(stream, options);
  };
  return {
    of: (stream: string) => reads.get(stream) ?? 0,
    restore: () => {
      store.readStream = readStream;
    },
  };
}

describe('a case viewed off its panel reads its stream once', () => {
  const { api, client, tokens, dsaId } = apiWithAgreement({ admin: ADMIN, both: BOTH, hackney: HACKNEY }, [
    'Metropolitan Police',
    'Hackney Council',
  ]);
  const referred = async (forenames: string) => {
    const victim = person({
      forenames,
      surname: 'Readonce',
      dateOfBirth: '1986-04-11',
      safeContactNumber: '020 7946 0111',
    });
    return (await client.refer(tokens.both, maracReferral({ person: victim }, { perpetrator: undefined }))).caseId;
  };
  /** How often the council's view of the case read the case's stream, and what it answered. */
  const councilViews = async (caseId: string) => {
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    expect(store).toBeInstanceOf(SqliteEventStore);
    const counted = countingReads(store);
    try {
      const seen = await client.get(`/v1/cases/${caseId}`, tokens.hackney);
      return { status: seen.status, body: seen.body as Record<string, unknown>, reads: counted.of(`case-${caseId}`) };
    } finally {
      counted.restore();
    }
  };

  it('reads it once for a case shared with the safe number and children the referral gave', async () => {
    const caseId = await referred('Morvah');
    const shared = await disclosed(client, tokens.both, {
      toAgency: 'Hackney Council',
      caseId,
      fields: ['safeContactNumber', 'children', 'status'],
      dsaId: dsaId(),
    });
    const view = await councilViews(caseId);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      safeContactNumber: '020 7946 0111',
      access: { via: 'disclosure', disclosureIds: [shared] },
    });
    expect(view.reads).toBe(1);
  });

  it('reads it once for a case nothing was shared from, answered with the 404 of an unknown case', async () => {
    const view = await councilViews(await referred('Senara'));
    expect(view.status).toBe(404);
    expect(view.reads).toBe(1);
  });
});
