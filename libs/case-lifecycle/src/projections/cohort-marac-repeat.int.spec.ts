import { randomUUID } from 'node:crypto';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import { identityStream, matchStream } from '../../../identity/src/domain/person-links';
import { recordConfirmedMerge, restoringSplit } from '../../../identity/src/testing/confirmed-merge';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { agendaCaseColumns } from '../application/agenda-case-columns';
import { caseMoved } from '../application/person-resolution/testing/case-moved';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelDefinition } from '../domain';
import { liveCohort } from './testing/live-cohort';

const MARAC = findPanel(DEFAULT_PANEL_REGISTRY, 'MARAC') as PanelDefinition;
const NOW = new Date('2025-06-01T12:00:00.000Z');

const context = (): CommandContext => coordinatorContext('2025-01-01T00:00:00.000Z');

interface Referral {
  readonly repeat?: boolean;
  readonly windowMonths?: number;
  /** The incident referred; the referral's own instant unless given. */
  readonly incidentAt?: string;
  /** The form's previous MARAC date. */
  readonly reportedOn?: string;
  /** Absent: recorded before the form's date counted. */
  readonly repeatFrom?: 'history' | 'reported' | null;
}

/** A victim referred to MARAC twice, each time under a person id of its own (a mistyped date of birth). */
function victimLog(fixture: ReadModelFixture) {
  const append = (stream: string, type: string, data: object) =>
    fixture.store.append(stream, toEventsToAppend([{ type, data }], context()), { expected: 'any' });
  const register = (personId: string) =>
    append(`person-${personId}`, 'person-registered', {
      personId,
      details: { forenames: 'Aoife', surname: 'Synthetic', aliases: [], identifiers: {} },
      occurredAt: '2024-01-01T09:00:00.000Z',
    });
  const refer = (caseId: string, personId: string, occurredAt: string, referral: Referral = {}) =>
    append(`case-${caseId}`, 'referral-made', {
      caseId,
      panelCode: 'MARAC',
      personId,
      referrer: { name: 'Synthetic Referrer', agency: 'police' },
      reason: 'Synthetic incident',
      occurredAt,
      details: {
        kind: 'marac',
        consent: { given: true },
        perpetrator: { personId: 'unknown', relationshipToVictim: 'ex-partner' },
        children: [],
        incident: { occurredAt: referral.incidentAt ?? occurredAt, summary: 'Synthetic incident' },
        dashScore: 16,
        criteriaTicked: ['visible-high-risk'],
        criteriaMet: ['visible-high-risk'],
        repeat: referral.repeat ?? false,
        ...(referral.repeatFrom === undefined ? {} : { repeatFrom: referral.repeatFrom }),
        ...(referral.reportedOn === undefined ? {} : { previousMaracDateReported: referral.reportedOn }),
        previousMaracReferralAt: null,
        thresholdsApplied: {
          dashThreshold: 14,
          policeCalloutsThreshold: 3,
          repeatWindowMonths: referral.windowMonths ?? 12,
        },
      },
    });
  return {
    register,
    refer,
    close: (caseId: string) =>
      append(`case-${caseId}`, 'case-closed', { reason: 'Synthetic', occurredAt: '2024-03-01T09:00:00.000Z' }),
    confirm: (survivorId: string, mergedId: string) =>
      recordConfirmedMerge(
        fixture.store,
        { survivorId, mergedId, reason: 'Same victim: date of birth mistyped', occurredAt: '2025-05-01T09:00:00.000Z' },
        context(),
      ),
    reject: async (a: string, b: string) => {
      const proposalId = randomUUID();
      const pair = { proposalId, personIds: [a, b], occurredAt: '2025-04-01T09:00:00.000Z' };
      await append(matchStream(proposalId), 'match-proposed', { ...pair, score: 12, levels: {}, guards: [] });
      await append(matchStream(proposalId), 'match-rejected', { ...pair, reason: 'Two people' });
    },
    restore: (personId: string, intoPersonId: string) =>
      append(
        identityStream(personId),
        'person-split',
        restoringSplit(personId, intoPersonId, '2025-05-10T09:00:00.000Z'),
      ),
    moveCase: (personId: string, intoPersonId: string, caseId: string) =>
      append(
        identityStream(personId),
        'person-split',
        caseMoved(personId, intoPersonId, caseId, '2025-05-10T09:00:00.000Z'),
      ),
  };
}

describe('a MARAC repeat the referral missed, recognised once two identities are merged', () => {
  let fixture: ReadModelFixture;
  let log: ReturnType<typeof victimLog>;
  beforeEach(async () => {
    fixture = new ReadModelFixture();
    log = victimLog(fixture);
    await log.register('victim-first');
    await log.register('victim-typo');
  });
  afterEach(() => fixture.cleanUp());

  /** The tracker's and the agenda's MARAC columns for each case, by case id. */
  async function views(asOf?: string) {
    const { readModels, people, service } = await liveCohort(fixture);
    try {
      const cohort = await service.cohort(MARAC, asOf === undefined ? {} : { asOf }, NOW);
      const tracker = Object.fromEntries(
        cohort.items.map((item) => [item.caseId, 'marac' in item ? item.marac : null]),
      );
      const agenda = agendaCaseColumns(readModels, people, 'MARAC', Object.keys(tracker));
      return { tracker, agenda: Object.fromEntries([...agenda].map(([caseId, columns]) => [caseId, columns.marac])) };
    } finally {
      service.onModuleDestroy();
    }
  }
  /** The first under the right record, the second under the mistyped one, eight months later. */
  const referredEightMonthsApart = async (second: Referral = {}) => {
    await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
    await log.refer('second', 'victim-typo', '2025-02-10T09:00:00.000Z', second);
  };
  /** Both under one record, the second flagged against the first at referral. */
  const flaggedAgainstHerFirst = async () => {
    await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
    await log.refer('second', 'victim-first', '2025-02-10T09:00:00.000Z', { repeat: true });
  };
  const repeatOf = (marac: { repeat: boolean; repeatRecognisedLater: boolean } | null | undefined) => ({
    repeat: marac?.repeat,
    later: marac?.repeatRecognisedLater,
  });
  const RECOGNISED = { repeat: true, later: true };
  const NOT_A_REPEAT = { repeat: false, later: false };
  const FLAGGED = { repeat: true, later: false };

  it('recognises the later referral as a repeat after a confirmed merge, in the tracker and on the agenda', async () => {
    await referredEightMonthsApart();
    const before = await views();
    expect(repeatOf(before.tracker.second)).toEqual(NOT_A_REPEAT);

    await log.confirm('victim-first', 'victim-typo');
    const after = await views();
    expect(repeatOf(after.tracker.second)).toEqual(RECOGNISED);
    expect(after.agenda.second?.repeat).toBe(true);
    // Nothing came before the first referral.
    expect(repeatOf(after.tracker.first)).toEqual(NOT_A_REPEAT);
  });

  it('takes the recognition away when a split restores the merged identity', async () => {
    await referredEightMonthsApart();
    await log.confirm('victim-first', 'victim-typo');
    await log.restore('victim-first', 'victim-typo');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.second)).toEqual(NOT_A_REPEAT);
    expect(agenda.second?.repeat).toBe(false);
  });

  it('counts an earlier referral whose case is closed', async () => {
    await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
    await log.close('first');
    await log.refer('second', 'victim-typo', '2025-02-10T09:00:00.000Z');
    await log.confirm('victim-first', 'victim-typo');
    expect(repeatOf((await views()).tracker.second)).toEqual(RECOGNISED);
  });

  it('does not recognise a referral made after the window of the last one ended', async () => {
    // Window ends on the anniversary, 2025-02-10: the next day is outside it.
    await log.refer('first', 'victim-first', '2024-02-10T09:00:00.000Z');
    await log.refer('second', 'victim-typo', '2025-02-11T09:00:00.000Z');
    await log.confirm('victim-first', 'victim-typo');
    expect(repeatOf((await views()).tracker.second)).toEqual(NOT_A_REPEAT);
  });

  it('recognises a further incident inside the window though it was referred after the anniversary', async () => {
    // Last referred 2 May 2023; assaulted again 28 April 2024 and referred 9 May 2024 under the mistyped record.
    await log.refer('first', 'victim-first', '2023-05-02T09:00:00.000Z');
    await log.refer('second', 'victim-typo', '2024-05-09T09:00:00.000Z', { incidentAt: '2024-04-28T22:00:00.000Z' });
    await log.confirm('victim-first', 'victim-typo');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.second)).toEqual(RECOGNISED);
    expect(agenda.second?.repeat).toBe(true);
    expect(repeatOf((await views('2024-05-10')).tracker.second)).toEqual(RECOGNISED);
  });

  it('does not recognise an incident dated before the last referral: it is not a further incident', async () => {
    await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
    await log.refer('second', 'victim-typo', '2024-06-20T09:00:00.000Z', { incidentAt: '2024-06-05T22:00:00.000Z' });
    await log.confirm('victim-first', 'victim-typo');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.second)).toEqual(NOT_A_REPEAT);
    expect(agenda.second?.repeat).toBe(false);
  });

  it('withdraws a flag judged on the referral date when the incident came before the last referral', async () => {
    // Flagged as the referral dates used to be judged: referred ten days after her last referral.
    await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
    await log.refer('second', 'victim-first', '2024-06-20T09:00:00.000Z', {
      repeat: true,
      incidentAt: '2024-06-05T22:00:00.000Z',
    });
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.second)).toEqual(NOT_A_REPEAT);
    expect(agenda.second?.repeat).toBe(false);
  });

  it('judges with the window the later referral recorded, not the panel’s current one', async () => {
    await referredEightMonthsApart({ windowMonths: 6 });
    await log.confirm('victim-first', 'victim-typo');
    expect(repeatOf((await views()).tracker.second)).toEqual(NOT_A_REPEAT);
  });

  it("keeps the referral's own repeat flag, not marked as recognised later, merge or no merge", async () => {
    // Flagged against her own referral under the same record two months before.
    await log.refer('own-earlier', 'victim-typo', '2024-12-10T09:00:00.000Z');
    await referredEightMonthsApart({ repeat: true });
    expect(repeatOf((await views()).tracker.second)).toEqual(FLAGGED);
    await log.confirm('victim-first', 'victim-typo');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.second)).toEqual(FLAGGED);
    expect(agenda.second?.repeat).toBe(true);
  });

  it('withdraws a flag once a split moves the flagged case to a woman with no earlier referral', async () => {
    await flaggedAgainstHerFirst();
    expect(repeatOf((await views()).tracker.second)).toEqual(FLAGGED);
    await log.moveCase('victim-first', 'victim-typo', 'second');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.second)).toEqual(NOT_A_REPEAT);
    expect(agenda.second).toEqual({ repeat: false, repeatRecognisedLater: false, repeatFrom: null, dashScore: 16 });
    expect(repeatOf(tracker.first)).toEqual(NOT_A_REPEAT);
  });

  it('keeps a flag when a split moves both cases to the same woman', async () => {
    await flaggedAgainstHerFirst();
    await log.moveCase('victim-first', 'victim-typo', 'first');
    await log.moveCase('victim-first', 'victim-typo', 'second');
    expect(repeatOf((await views()).tracker.second)).toEqual(FLAGGED);
  });

  it('recognises nothing when a standing rejection kept the confirmation from merging anyone', async () => {
    await referredEightMonthsApart();
    await log.reject('victim-first', 'victim-typo');
    await log.confirm('victim-first', 'victim-typo');
    expect(repeatOf((await views()).tracker.second)).toEqual(NOT_A_REPEAT);
  });

  it('answers a past day with the people as they are known now, as it does for the person a case is about', async () => {
    await referredEightMonthsApart();
    await log.confirm('victim-first', 'victim-typo');
    // The merge was confirmed in May; the day asked about is in March.
    expect(repeatOf((await views('2025-03-01')).tracker.second)).toEqual(RECOGNISED);
  });

  it('answers a past day with the referrals made by then, a back-dated one recorded since included', async () => {
    await log.refer('later', 'victim-typo', '2025-02-10T09:00:00.000Z');
    await log.confirm('victim-first', 'victim-typo');
    const dayAfter = '2025-02-11';
    expect(repeatOf((await views(dayAfter)).tracker.later)).toEqual(NOT_A_REPEAT);

    // Recorded after the later referral and the merge, dated before both: the day after the later
    // referral had it, though nobody had recorded it yet.
    await log.refer('backdated', 'victim-first', '2024-12-01T09:00:00.000Z');
    const { tracker } = await views(dayAfter);
    expect(repeatOf(tracker.later)).toEqual(RECOGNISED);
    expect(repeatOf(tracker.backdated)).toEqual(NOT_A_REPEAT);
    // The day before the back-dated referral, neither had been made.
    expect(Object.keys((await views('2024-11-30')).tracker)).toEqual([]);
  });

  it('recognises an earlier referral a split moved to the victim', async () => {
    await log.refer('first', 'victim-typo', '2024-06-10T09:00:00.000Z');
    await log.refer('second', 'victim-first', '2025-02-10T09:00:00.000Z');
    await log.moveCase('victim-typo', 'victim-first', 'first');
    expect(repeatOf((await views()).tracker.second)).toEqual(RECOGNISED);
  });

  it('counts a back-dated referral recorded later under the same id, with no merge at all', async () => {
    await log.refer('later', 'victim-first', '2025-02-10T09:00:00.000Z');
    await log.refer('backdated', 'victim-first', '2024-12-01T09:00:00.000Z');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker.later)).toEqual(RECOGNISED);
    expect(agenda.later).toEqual({ repeat: true, repeatRecognisedLater: true, repeatFrom: 'history', dashScore: 16 });
    expect(repeatOf(tracker.backdated)).toEqual(NOT_A_REPEAT);
  });

  describe("the form's previous MARAC date", () => {
    const sourceOf = (marac: { repeat: boolean; repeatFrom?: unknown } | null | undefined) => ({
      repeat: marac?.repeat,
      from: marac?.repeatFrom,
    });

    it('keeps a repeat flagged on it when a split moves the case to a woman with no earlier referral here', async () => {
      await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
      await log.refer('second', 'victim-first', '2025-02-10T09:00:00.000Z', {
        repeat: true,
        repeatFrom: 'reported',
        reportedOn: '2024-09-01',
      });
      await log.moveCase('victim-first', 'victim-typo', 'second');
      const { tracker, agenda } = await views();
      expect(sourceOf(tracker.second)).toEqual({ repeat: true, from: 'reported' });
      expect(agenda.second).toEqual({
        repeat: true,
        repeatRecognisedLater: false,
        repeatFrom: 'reported',
        dashScore: 16,
      });
    });

    it('says the history decides once a merge brings in a later referral than the form’s', async () => {
      await log.refer('second', 'victim-typo', '2025-02-10T09:00:00.000Z', {
        repeat: true,
        repeatFrom: 'reported',
        reportedOn: '2024-03-01',
      });
      expect(sourceOf((await views()).tracker.second)).toEqual({ repeat: true, from: 'reported' });
      await log.refer('first', 'victim-first', '2024-06-10T09:00:00.000Z');
      await log.confirm('victim-first', 'victim-typo');
      expect(sourceOf((await views()).tracker.second)).toEqual({ repeat: true, from: 'history' });
    });

    it('is not read on a referral recorded before it counted: that replays as it was judged', async () => {
      // In the form's window, but recorded without `repeatFrom`: judged on the history alone, no repeat.
      await log.refer('old', 'victim-first', '2025-02-10T09:00:00.000Z', { reportedOn: '2024-09-01' });
      // Flagged on the history; the form's later date, after the incident, would have blocked it.
      await log.refer('first', 'victim-typo', '2024-06-10T09:00:00.000Z');
      await log.refer('flagged', 'victim-typo', '2025-01-10T09:00:00.000Z', {
        repeat: true,
        incidentAt: '2024-12-01T09:00:00.000Z',
        reportedOn: '2024-12-20',
      });
      const { tracker } = await views();
      expect(sourceOf(tracker.old)).toEqual({ repeat: false, from: null });
      expect(sourceOf(tracker.flagged)).toEqual({ repeat: true, from: 'history' });
    });
  });

  it('of two referrals made at the same instant, takes the one recorded first as the earlier, as the report does', async () => {
    // Log order, not case id order: the case recorded second sorts first by id.
    await log.refer('b-recorded-first', 'victim-first', '2025-02-10T09:00:00.000Z');
    await log.refer('a-recorded-second', 'victim-typo', '2025-02-10T09:00:00.000Z');
    await log.confirm('victim-first', 'victim-typo');
    const { tracker, agenda } = await views();
    expect(repeatOf(tracker['a-recorded-second'])).toEqual(RECOGNISED);
    expect(repeatOf(tracker['b-recorded-first'])).toEqual(NOT_A_REPEAT);
    expect(agenda['a-recorded-second']?.repeatRecognisedLater).toBe(true);
    expect(agenda['b-recorded-first']?.repeatRecognisedLater).toBe(false);
  });
});
