import { randomUUID } from 'node:crypto';
import { ResolutionClock } from '../libs/case-lifecycle/src/application/person-resolution/abandoned-claims';
import { ABANDONED_CHANGE_AFTER_MS } from '../libs/case-lifecycle/src/application/person-resolution/identity-streams';
import { handleCommand } from '../libs/command-handling/src/handle-command';
import type { RecordedEvent } from '../libs/event-store/src/port/event-envelope';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { identityStream, matchStream, personLinksDecider } from '../libs/identity/src/domain/person-links';
import { apiForSuite } from './support/api-suite';
import { queuedReviewOf } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic household: Samantha, and "Sam", an IOM nominal, proposed as one person.
const surname = 'Trengrouse';
const home = { postcode: 'N16 7AB', address: '14 Fern Street' };
const her = person({ forenames: 'Samantha', surname, dateOfBirth: '1990-04-12', sex: 'female', ...home });
const nominal = person({
  forenames: 'Sam',
  surname,
  dateOfBirth: '1989-04-12',
  sex: 'male',
  ...home,
  identifiers: { pnc: syntheticPnc(9301) },
});
const naming = maracReferral(
  { person: her },
  { perpetrator: { forenames: 'Samuel', surname, dateOfBirth: '1989-04-12', ...home } },
);

interface PersonView {
  readonly personId: string;
  readonly records: readonly { readonly recordId: string; readonly caseId?: string }[];
}

/** What the event says, as the spec reads it. */
const dataOf = (event: RecordedEvent) => event.data as Readonly<Record<string, unknown>>;

const linkedOn = (events: readonly RecordedEvent[], personId: string) =>
  events
    .filter((e) => e.stream === identityStream(personId) && e.type === 'person-record-linked')
    .map((e) => dataOf(e).recordId);

/**
 * A MARAC referral of Samantha naming Samuel (the nominal) writes her record and his, and just
 * then a reviewer's confirmation of her and the nominal begins (`merge-begun` on both streams) and
 * its process stops before recording it. The referral must not write her case beside a merge that
 * may still be recorded, nor wait for it for good: it answers 503 `person-being-changed` with
 * Retry-After, her case unwritten, and the same referral retried once the merge can be withdrawn
 * withdraws it and opens her case once, on the records the first attempt wrote. A merge left
 * underway before the referral holds up her record's link instead (registered and proposed beside
 * her, as the README says), so the merge here begins once her records are written.
 */
describe('a MARAC referral whose victim a stopped confirmation left being merged', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  /** The events appended after the first `seen` of the log. */
  const writtenAfter = async (seen: number) => (await store().readAll({})).slice(seen);
  let victim: string;
  let nominalId: string;
  let reviewId: string;
  /** Everything the first attempt wrote, read back once it answered. */
  let firstAttempt: RecordedEvent[];

  beforeAll(async () => {
    nominalId = (await client.refer(tokens.all, iomReferral({}, { person: nominal }))).personId;
    const herIom = iomReferral({}, { person: her, referredAt: '2024-03-02T10:00:00Z' });
    victim = (await client.refer(tokens.all, herIom)).personId;
    reviewId = (await queuedReviewOf(client, tokens.all, victim, nominalId)).id;
  });

  afterEach(() => jest.restoreAllMocks());

  /** The first step of a confirmation as the confirm route records it, on each of the two people; then nothing. */
  async function confirmationStoppedAfterBeginning(): Promise<void> {
    const revision = async (stream: string) => Number((await store().readStream(stream)).at(-1)?.revision ?? -1n);
    const now = new Date().toISOString();
    const context = {
      actor: { id: 'u-reviewer', name: 'A reviewer', agency: 'Probation', roles: ['coordinator' as const] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: now,
      now,
      eventId: () => randomUUID(),
    };
    const reviewRevision = await revision(matchStream(reviewId));
    const personIds = [victim, nominalId].sort() as [string, string];
    for (const personId of personIds) {
      const factsAtRevision = await revision(identityStream(personId));
      const data = { personId, proposalId: reviewId, personIds, reviewRevision, factsAtRevision, occurredAt: now };
      await handleCommand(
        store(),
        identityStream(personId),
        personLinksDecider,
        { type: 'begin-merge', data },
        context,
      );
    }
  }

  it('answers 503 person-being-changed with Retry-After once her record and his are written, her case not', async () => {
    const before = (await store().readAll({})).length;
    const append = store().append.bind(store());
    const noting = jest.spyOn(store(), 'append').mockImplementation(async (stream, events, options) => {
      const appended = await append(stream, events, options);
      // Noted: her record and his are written, her case is next.
      if (stream === `personreferrals-${victim}`) {
        noting.mockRestore();
        await confirmationStoppedAfterBeginning();
      }
      return appended;
    });

    const refused = await client.post('/v1/referrals', tokens.all, naming);

    expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 503, rule: 'person-being-changed' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(ABANDONED_CHANGE_AFTER_MS / 1000);
    expect(refused.body.message).toContain(`retry in ${retryAfter} s`);

    firstAttempt = await writtenAfter(before);
    const samanthaLinked = linkedOn(firstAttempt, victim);
    const samuelLinked = linkedOn(firstAttempt, nominalId);
    expect({ her: samanthaLinked.length, his: samuelLinked.length }).toEqual({ her: 1, his: 1 });
    expect(firstAttempt.filter((e) => e.type === 'person-registered')).toEqual([]);
    // Nothing of her case: no case stream, no naming of it on her stream.
    expect(firstAttempt.filter((e) => e.stream.startsWith('case-') || e.type === 'case-naming-begun')).toEqual([]);
    const noted = firstAttempt.find((e) => e.type === 'person-referred');
    const notedCase = (noted?.data as { caseId: string } | undefined)?.caseId;
    expect(notedCase).toBeDefined();
    await client.get(`/v1/cases/${notedCase}`, tokens.all).expect(404);
    // Not merged: the confirmation was never recorded.
    expect((await client.personView<PersonView>(tokens.all, nominalId)).personId).toBe(nominalId);
  });

  it('retried while the merge may still be recorded, answers 503 again and writes no other record of either', async () => {
    const before = (await store().readAll({})).length;

    const refused = await client.post('/v1/referrals', tokens.all, naming);

    expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 503, rule: 'person-being-changed' });
    const written = await writtenAfter(before);
    expect(written.filter((e) => e.type === 'person-record-linked' || e.type === 'person-registered')).toEqual([]);
    expect(written.filter((e) => e.stream.startsWith('case-') || e.type === 'case-naming-begun')).toEqual([]);
  });

  it('retried once the merge is old enough to be withdrawn, withdraws it and opens her case once, naming him', async () => {
    jest
      .spyOn(api.app.get(ResolutionClock), 'now')
      .mockImplementation(() => Date.now() + ABANDONED_CHANGE_AFTER_MS + 1_000);
    const before = (await store().readAll({})).length;

    const made = await client.post('/v1/referrals', tokens.all, naming);

    expect({ status: made.status, body: made.body as unknown }).toMatchObject({
      status: 201,
      body: { personId: victim, perpetratorPersonId: nominalId, repeat: false },
    });
    expect(made.body.notRecorded).toBeUndefined();
    const { caseId } = made.body as { caseId: string };
    const written = await writtenAfter(before);
    // The stopped confirmation is settled as never to be recorded; the review stays open.
    expect(written.filter((e) => e.type === 'merge-withdrawn').map((e) => [e.stream, dataOf(e).cause])).toEqual([
      [matchStream(reviewId), 'abandoned'],
    ]);
    expect((await client.get(`/v1/people/match-reviews/${reviewId}`, tokens.all).expect(200)).body.status).toBe('open');
    // On the records the first attempt wrote: none added, the case naming his.
    expect(written.filter((e) => e.type === 'person-record-linked' || e.type === 'person-registered')).toEqual([]);
    const [herRecord] = linkedOn(firstAttempt, victim);
    const [hisRecord] = linkedOn(firstAttempt, nominalId);
    expect(written.filter((e) => e.type === 'case-naming-begun').map((e) => e.data)).toEqual([
      expect.objectContaining({ personId: victim, caseId, panelCode: 'MARAC', namedRecordId: hisRecord }),
    ]);
    const seen = await client.personView<PersonView>(tokens.all, victim);
    expect(seen.records.find((r) => r.recordId === herRecord)?.caseId).toBe(caseId);
    const opened = await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200);
    expect((opened.body as { perpetrator?: { personId: string } }).perpetrator?.personId).toBe(nominalId);
    // Exactly one MARAC case about her in the whole log, whichever attempt noted it.
    const herMaracCases = (await store().readAll({})).filter(
      (e) => e.type === 'referral-made' && dataOf(e).panelCode === 'MARAC' && dataOf(e).personId === victim,
    );
    expect(herMaracCases.map((e) => dataOf(e).caseId)).toEqual([caseId]);
  });
});
