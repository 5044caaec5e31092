import type Database from 'better-sqlite3';
import { emptyCohortTables } from './testing/cohort-tables';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { stillEligible, type PeopleNow } from './cohort-eligibility';
import { cohortProjection } from './cohort.projection';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider, type CaseRecord } from '../domain';

const OCCURRED = '2024-04-02T09:00:00.000Z';

/** A synthetic log, positions in append order, each event recorded (and received) at `OCCURRED`. */
function logOf(): { events: RecordedEvent[]; append(stream: string, type: string, data: object): void } {
  const events: RecordedEvent[] = [];
  return {
    events,
    append(stream, type, data) {
      const position = BigInt(events.length + 1);
      const revision = BigInt(events.filter((e) => e.stream === stream).length);
      const metadata = { occurredAt: OCCURRED };
      events.push({ id: `event-${position}`, stream, revision, position, type, data, metadata } as RecordedEvent);
    },
  };
}

const referral = (caseId: string, personId: string) => ({
  caseId,
  panelCode: 'IOM',
  personId,
  referrer: { name: 'Synthetic Referrer', agency: 'police' },
  reason: 'Synthetic referral',
  occurredAt: OCCURRED,
  details: {
    kind: 'iom',
    route: 'referral-form',
    scores: { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
    statusAtReferral: null,
  },
});
const evaluated = (eligible: boolean, source = 're-assessment') => ({ eligible, source, occurredAt: OCCURRED });
const batch = (
  month: string,
  fileDigest: string,
  people: { personId: string; eligible: boolean; caseId?: string }[],
) => ({
  month,
  fileDigest,
  batch: 0,
  people: people.map((p) => ({ ...p, outcome: p.eligible ? 'unchanged' : 'expired' })),
});
const completed = (month: string, fileDigest: string) => ({ month, fileDigest, comparedWith: null });

/** A whole upload of one batch, as the import writes it: its rows, then its completion. */
function uploaded(log: ReturnType<typeof logOf>, month: string, fileDigest: string, rows: Parameters<typeof batch>[2]) {
  log.append(`iomimport-${month}`, 'iom-cohort-batch-imported', batch(month, fileDigest, rows));
  log.append(`iomimport-${month}`, 'iom-cohort-file-imported', completed(month, fileDigest));
}

/** Each person stands for themselves; `moved` says which cases a split took to someone else. */
const peopleNow = (moved: Record<string, string> = {}): PeopleNow => ({
  personOfCase: (caseId, referralPersonId) => moved[caseId] ?? referralPersonId,
  idsOf: (personId) => [personId],
});

// Applied as one batch and one event at a time: what an upload left pending must survive between batches.
describe.each([
  ['one batch', true],
  ['event by event', false],
])('IOM eligibility evidence (%s)', (_, inOneBatch) => {
  let connection: Database.Database;
  let tables: VersionedProjectionDatabase;
  beforeEach(() => ({ connection, tables } = emptyCohortTables()));
  afterEach(() => connection.close());

  const project = (events: RecordedEvent[]) => {
    if (inOneBatch) connection.transaction(() => cohortProjection.applyBatch?.(tables, events))();
    else for (const event of events) connection.transaction(() => cohortProjection.apply(tables, event))();
  };
  const kept = (caseId: string, referredAbout: string, people: PeopleNow) =>
    stillEligible([{ case_id: caseId, person_id: referredAbout }], connection, tables, people).length === 1;

  it("counts a case's own evaluation for whoever a split moved the case to, not the person it was referred about", () => {
    const log = logOf();
    log.append('case-moved', 'referral-made', referral('moved', 'p1'));
    log.append('case-stays', 'referral-made', referral('stays', 'p1'));
    log.append('case-moved', 'iom-eligibility-evaluated', evaluated(false));
    project(log.events);
    const afterSplit = peopleNow({ moved: 'p2' });
    expect(kept('moved', 'p1', afterSplit)).toBe(false);
    expect(kept('stays', 'p1', afterSplit)).toBe(true);
    // Before the split both cases are p1's, and the moved case's word was theirs.
    expect(kept('stays', 'p1', peopleNow())).toBe(false);
  });

  it('counts an expiry flag on a case moved by a split against its new person only', () => {
    const log = logOf();
    log.append('case-moved', 'referral-made', referral('moved', 'p1'));
    log.append('case-stays', 'referral-made', referral('stays', 'p1'));
    log.append('case-moved', 'iom-cohort-expiry-flagged', { month: '2024-04', reason: 'absent-from-upload' });
    project(log.events);
    expect(kept('stays', 'p1', peopleNow({ moved: 'p2' }))).toBe(true);
    expect(kept('moved', 'p1', peopleNow({ moved: 'p2' }))).toBe(false);
  });

  it("takes a person's latest own word by when it was true, an instant written with an offset as the instant it is", () => {
    const log = logOf();
    log.append('case-october', 'referral-made', referral('october', 'p1'));
    log.append('case-october', 'iom-eligibility-evaluated', {
      ...evaluated(true, 'referral'),
      occurredAt: '2024-10-16T09:45:00.000Z',
    });
    // Typed in later: the paper referral from August, not eligible then.
    log.append('case-august', 'referral-made', referral('august', 'p1'));
    log.append('case-august', 'iom-eligibility-evaluated', {
      ...evaluated(false, 'referral'),
      occurredAt: '2024-08-09T10:00:00.000Z',
    });
    project(log.events);
    expect(kept('october', 'p1', peopleNow())).toBe(true);
    // 09:30 UTC that morning, written in BST: earlier than October's word, though later as text.
    log.append('case-august', 'iom-eligibility-evaluated', {
      ...evaluated(false),
      occurredAt: '2024-10-16T10:30:00+01:00',
    });
    project(log.events.slice(-1));
    expect(kept('october', 'p1', peopleNow())).toBe(true);
    log.append('case-august', 'iom-eligibility-evaluated', {
      ...evaluated(false),
      occurredAt: '2024-10-16T10:50:00+01:00',
    });
    project(log.events.slice(-1));
    expect(kept('october', 'p1', peopleNow())).toBe(false);
  });

  it("weighs a case's own word against an upload's by when each was true: the upload at its file's receipt", () => {
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p3'));
    uploaded(log, '2024-04', 'april', [{ personId: 'p3', eligible: false }]);
    // Recorded after the upload, about a day before it was received.
    log.append('case-1', 'iom-eligibility-evaluated', { ...evaluated(true), occurredAt: '2024-04-01T09:00:00.000Z' });
    project(log.events);
    expect(kept('1', 'p3', peopleNow())).toBe(false);
    log.append('case-1', 'iom-eligibility-evaluated', { ...evaluated(true), occurredAt: '2024-04-03T09:00:00.000Z' });
    project(log.events.slice(-1));
    expect(kept('1', 'p3', peopleNow())).toBe(true);
  });

  it('counts one upload listing two ids of a person since merged as listing them eligible if either row does', () => {
    // The file listed the person under one id and flagged the other absent; a reviewer then merged the two.
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p1'));
    uploaded(log, '2024-04', 'april', [
      { personId: 'p1', eligible: true },
      { personId: 'p9', eligible: false },
    ]);
    project(log.events);
    const merged: PeopleNow = { personOfCase: (_, id) => id, idsOf: () => ['p1', 'p9'] };
    expect(kept('1', 'p1', merged)).toBe(true);
  });

  it("keeps April's word when a corrected March file is imported after it", () => {
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p3'));
    uploaded(log, '2024-04', 'april', [{ personId: 'p3', eligible: true }]);
    uploaded(log, '2024-03', 'march', [{ personId: 'p3', eligible: false }]);
    project(log.events);
    expect(kept('1', 'p3', peopleNow())).toBe(true);
  });

  /**
   * p3's case referred, then each month's import run as cohort-import writes it: its evaluation
   * (and flag) on the case first, then the batch naming the case, then the upload's completion.
   * Before panel_cohort v12 the import's evaluation did not say its month (`saidMonth` false).
   */
  const importedAfterReferral = (...runs: [month: string, eligible: boolean, saidMonth?: boolean][]) => {
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p3'));
    for (const [month, eligible, saidMonth = true] of runs) {
      const evaluation = evaluated(eligible, 'core-cohort-upload');
      log.append('case-1', 'iom-eligibility-evaluated', saidMonth ? { ...evaluation, month } : evaluation);
      if (!eligible) log.append('case-1', 'iom-cohort-expiry-flagged', { month, reason: 'no-longer-eligible' });
      const rows = [{ personId: 'p3', eligible, caseId: '1' }];
      uploaded(log, month, month, rows);
    }
    return log;
  };

  it("keeps April's word on an open case when a late March file evaluates and flags the case after it", () => {
    project(importedAfterReferral(['2024-04', true], ['2024-03', false]).events);
    expect(kept('1', 'p3', peopleNow())).toBe(true);
  });

  it("keeps April's word in eligible-not-adopted and the tracker when March's words on the case, which say their month, come after it", () => {
    // Two imports racing, or a log written before the import checked the case's month: no batch places these words.
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p3'));
    log.append('case-1', 'iom-eligibility-evaluated', { ...evaluated(true, 'referral'), month: '2024-04' });
    log.append('case-1', 'iom-eligibility-evaluated', { ...evaluated(false, 'core-cohort-upload'), month: '2024-03' });
    log.append('case-1', 'iom-cohort-expiry-flagged', { month: '2024-03', reason: 'no-longer-eligible' });
    project(log.events);
    expect(kept('1', 'p3', peopleNow())).toBe(true);
    const columns = connection
      .prepare(`SELECT iom_eligible, iom_expiry_month FROM ${tables.table('cases')} WHERE case_id = ?`)
      .get('1');
    expect(columns).toEqual({ iom_eligible: 1, iom_expiry_month: null });
  });

  it('counts an import evaluation recorded without its month where it stands in the log, as the case does', () => {
    // A log written before imports said their month: April's flag, then a late March file's evaluation.
    const log = importedAfterReferral(['2024-04', false, false], ['2024-03', true, false]);
    project(log.events);
    const caseNow = evolveAll(caseDecider, log.events.filter((e) => e.stream === 'case-1') as never) as CaseRecord;
    expect(caseNow.panel).toMatchObject({ eligibility: { eligible: true } });
    expect(kept('1', 'p3', peopleNow())).toBe(true);
    const columns = connection
      .prepare(`SELECT iom_eligible, iom_expiry_month FROM ${tables.table('cases')} WHERE case_id = ?`)
      .get('1');
    expect(columns).toEqual({ iom_eligible: 1, iom_expiry_month: null });
  });

  it("lets a late March file's evaluation of the case stand when no later month's file evaluated it", () => {
    project(importedAfterReferral(['2024-03', false]).events);
    expect(kept('1', 'p3', peopleNow())).toBe(false);
  });

  it('lets a re-assessment recorded after a late March file overrule April, as the later word', () => {
    const log = importedAfterReferral(['2024-04', false], ['2024-03', true]);
    project(log.events);
    expect(kept('1', 'p3', peopleNow())).toBe(false);
    log.append('case-1', 'iom-eligibility-evaluated', evaluated(true));
    project(log.events.slice(-1));
    expect(kept('1', 'p3', peopleNow())).toBe(true);
  });

  it('lets a corrected file for the same month replace the earlier one', () => {
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p3'));
    uploaded(log, '2024-04', 'first', [{ personId: 'p3', eligible: true }]);
    uploaded(log, '2024-04', 'fixed', [{ personId: 'p3', eligible: false }]);
    project(log.events);
    expect(kept('1', 'p3', peopleNow())).toBe(false);
  });

  it('ignores the rows of an upload cancelled before it completed, and counts them once a retry completes it', () => {
    const log = logOf();
    log.append('case-1', 'referral-made', referral('1', 'p3'));
    log.append(
      'iomimport-2024-05',
      'iom-cohort-batch-imported',
      batch('2024-05', 'may', [{ personId: 'p3', eligible: false }]),
    );
    // Another file for the month completing does not complete this one.
    log.append('iomimport-2024-05', 'iom-cohort-file-imported', completed('2024-05', 'other'));
    project(log.events);
    expect(kept('1', 'p3', peopleNow())).toBe(true);

    const retry = logOf();
    for (const event of log.events) retry.append(event.stream, event.type, event.data as object);
    // The retry finds its batches already written and only closes the upload.
    retry.append('iomimport-2024-05', 'iom-cohort-file-imported', completed('2024-05', 'may'));
    connection.close();
    ({ connection, tables } = emptyCohortTables());
    project(retry.events);
    expect(kept('1', 'p3', peopleNow())).toBe(false);
  });
});
