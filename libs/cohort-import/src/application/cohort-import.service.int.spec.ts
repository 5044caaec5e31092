import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { COHORT_HEADER, UPLOAD_COORDINATOR } from '../testing/upload-coordinator';
import { DeterministicPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/deterministic-person-resolver';
import { recordConfirmedMerge } from '../../../identity/src/testing/confirmed-merge';
import { eventIdsFor } from '../testing/deterministic-ids';
import { handleCommand } from '../../../command-handling/src/handle-command';
import {
  createCaseDecider,
  DEFAULT_PANEL_REGISTRY,
  definePanelRegistry,
  LONDON_2021_ELIGIBILITY_POLICY,
} from '../../../case-lifecycle/src/domain';
import {
  CohortImportService,
  ImportCancelledError,
  type CohortImportRequest,
  type ImportRun,
} from './cohort-import.service';
import { importFiles } from './import-files';
import { textDigest as textDigestOf } from './file-digest';
import { copyRenamingFileDigest } from '../testing/legacy-digest';

const coordinator = UPLOAD_COORDINATOR;
const HEADER = COHORT_HEADER;
// Synthetic people; PNCs carry correct check characters.
const row = {
  ada: (ogrs = '80') => `A100001,1979/0163001B,Ada,Testperson,01/02/1990,N1 1AA,${ogrs},40,N,licence`,
  ben: (ogrs = '55') => `B100002,,Ben,Exampleson,1985-06-15,,${ogrs},35,Y,custody`,
  cal: (ogrs = '60') => `C100003,,Cal,Sampleton,1992-11-30,N8 0AB,${ogrs},40,N,community order`,
  dee: () => `D100004,2002/0073319Z,Dee,Fictional,1988-03-03,,90,50,no,`,
  eve: () => `E100005,,Eve,Madeupname,1995-07-07,,76,31,N,licence`,
};
const file = (...rows: string[]): string => [HEADER, ...rows].join('\n') + '\n';

describe('CohortImportService (real SQLite store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let service: CohortImportService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cohort-import-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    service = new CohortImportService(store, new DeterministicPersonResolver(store), undefined, 2);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (month: string, csv: string): CohortImportRequest => ({
    month,
    csv,
    receivedAt: `${month}-05T09:00:00.000Z`,
  });
  const runFor = (input: CohortImportRequest, signal?: AbortSignal): ImportRun => ({
    principal: coordinator,
    correlationId: `job-${input.month}`,
    ...(signal === undefined ? {} : { signal }),
    eventIdFor: eventIdsFor(input),
  });
  const importMonth = (month: string, csv: string) => {
    const input = request(month, csv);
    return service.run(input, runFor(input));
  };
  const allEvents = async (): Promise<RecordedEvent[]> => store.readAll({});
  const caseEvents = async (caseId: string) => (await store.readStream(`case-${caseId}`)).map((e) => e.type);

  /** Written as the match-review route writes it, survivor first. */
  const confirmMerge = (survivorId: string, mergedId: string) => {
    const occurredAt = '2024-03-20T10:00:00.000Z';
    return recordConfirmedMerge(
      store,
      { survivorId, mergedId, reason: 'Same person recorded under two CRNs', occurredAt },
      {
        actor: { id: 'u-coord', name: 'Test Coordinator', agency: 'Probation', roles: ['coordinator'] },
        correlationId: 'review-1',
        causationId: 'review-1',
        occurredAt,
        now: occurredAt,
        eventId: () => randomUUID(),
      },
    );
  };

  const MARCH = file(row.ada(), row.ben(), row.cal('40'), row.dee(), 'X900009,,Bad,Row,01/01/1980,,high,40,N,');
  const APRIL = file(row.ada(), row.ben('40'), row.cal('80'), row.eve());

  it('month 1: eligible people get an IOM referral awaiting adoption; bad rows are reported, good ones go on', async () => {
    const report = await importMonth('2024-03', MARCH);
    expect(report.summary).toMatchObject({
      month: '2024-03',
      comparedWith: null,
      rows: 5,
      imported: 4,
      bad: 1,
      new: 3,
      expired: 0,
      unchanged: 1,
    });
    expect(report.problems).toEqual([
      { row: 5, field: 'ogrs_2yr', reason: 'percentage', message: expect.stringContaining('high') as string },
    ]);
    expect(report.newCases).toHaveLength(3);
    for (const { caseId } of report.newCases) {
      const [made, evaluated] = await store.readStream(`case-${caseId}`);
      expect(made?.data).toMatchObject({
        panelCode: 'IOM',
        details: { kind: 'iom', route: 'probation-core-cohort-upload' },
      });
      expect(evaluated?.data).toMatchObject({ eligible: true, policy: { id: 'london-2021', version: 1 } });
      expect(made?.metadata.actor.id).toBe('u-coord');
    }
  });

  it('the same file again writes nothing and answers with the first outcome', async () => {
    const first = await importMonth('2024-03', MARCH);
    const before = (await allEvents()).length;
    const again = await importMonth('2024-03', MARCH);
    expect((await allEvents()).length).toBe(before);
    expect(again.summary).toMatchObject({ ...first.summary, alreadyImported: true, ignoredColumns: [] });
    expect(again.newCases).toEqual(first.newCases);
    expect(again.problems).toEqual(first.problems);
  });

  it('the same rows saved again with CRLF line endings, a byte-order mark and trailing blank lines are the same file', async () => {
    const first = await importMonth('2024-03', MARCH);
    const before = (await allEvents()).length;
    const resaved = `\uFEFF${MARCH.replace(/\n/g, '\r\n')}\r\n\r\n`;
    const again = await importMonth('2024-03', resaved);
    expect((await allEvents()).length).toBe(before);
    expect(again.summary).toMatchObject({ ...first.summary, alreadyImported: true });
    expect(importFiles(again)).toEqual(importFiles(first));
  });

  /** What an earlier version, which named an upload by the digest of its bytes, left in the store. */
  async function recordedBeforeRecordsDigest(upload: (earlier: CohortImportService) => Promise<unknown>) {
    const earlier = SqliteEventStore.inDataDir(join(dir, 'earlier'), { synchronous: 'NORMAL' });
    try {
      const result = await upload(
        new CohortImportService(earlier, new DeterministicPersonResolver(earlier), undefined, 2),
      );
      await copyRenamingFileDigest(earlier, store, () => textDigestOf('2024-03', MARCH));
      return result;
    } finally {
      await earlier.close();
    }
  }

  it('finds a completed import recorded under the digest of the file’s bytes (stores from before)', async () => {
    const input = request('2024-03', MARCH);
    const first = (await recordedBeforeRecordsDigest((earlier) => earlier.run(input, runFor(input)))) as Awaited<
      ReturnType<typeof importMonth>
    >;
    const before = (await allEvents()).length;
    const again = await importMonth('2024-03', MARCH);
    expect((await allEvents()).length).toBe(before);
    expect(again.summary).toMatchObject({ ...first.summary, alreadyImported: true });
    expect(importFiles(again)).toEqual(importFiles(first));
  });

  it('resumes under the bytes digest an upload cancelled before records were digested, its referrals new', async () => {
    const cancelled = request('2024-03', MARCH);
    const controller = new AbortController();
    const interrupted = {
      ...runFor(cancelled, controller.signal),
      progress: async () => controller.abort('cancelled'),
    };
    await recordedBeforeRecordsDigest((earlier) =>
      expect(earlier.run(cancelled, interrupted)).rejects.toBeInstanceOf(ImportCancelledError),
    );
    const reupload = { ...cancelled, receivedAt: '2024-03-06T09:00:00.000Z' };
    const report = await service.run(reupload, runFor(reupload));
    expect(report.summary).toMatchObject({ new: 3, unchanged: 1, bad: 1, alreadyImported: false });
    expect(report.newCases).toHaveLength(3);
    const march = await store.readStream('iomimport-2024-03');
    // One upload, one name: the completion releases the cancelled run's pending rows too.
    expect(new Set(march.map((e) => (e.data as { fileDigest: string }).fileDigest))).toEqual(
      new Set([textDigestOf('2024-03', MARCH)]),
    );
  });

  it('month 2: new eligible people are referred; no longer eligible and absent ones are flagged, not closed', async () => {
    const march = await importMonth('2024-03', MARCH);
    const caseOf = (crnPerson: number) => march.newCases[crnPerson]?.caseId as string; // ada, ben, dee in file order
    const april = await importMonth('2024-04', APRIL);
    expect(april.summary).toMatchObject({ comparedWith: '2024-03', rows: 4, new: 2, expired: 2, unchanged: 1 });
    expect(april.expired).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: caseOf(1), reason: 'no-longer-eligible' }),
        expect.objectContaining({ caseId: caseOf(2), reason: 'absent-from-upload' }),
      ]),
    );
    // Ada: still eligible, same scores; April says its month on her case all the same.
    expect(await caseEvents(caseOf(0))).toEqual([
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-eligibility-evaluated',
    ]);
    expect((await store.readStream(`case-${caseOf(0)}`)).at(-1)?.data).toMatchObject({
      eligible: true,
      source: 'core-cohort-upload',
      month: '2024-04',
    });
    expect(await caseEvents(caseOf(1))).toEqual([
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-cohort-expiry-flagged',
      'iom-eligibility-evaluated',
    ]);
    expect(await caseEvents(caseOf(2))).toEqual([
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-cohort-expiry-flagged',
    ]);
    const before = (await allEvents()).length;
    await importMonth('2024-04', APRIL);
    expect((await allEvents()).length).toBe(before);
  });

  it('a corrected earlier-month file imported after a later month records its rows but writes nothing on open cases', async () => {
    const february = await importMonth('2024-02', file(row.ada(), row.ben(), row.dee()));
    const dee = february.newCases[2] as { personId: string; caseId: string };
    await importMonth('2024-03', MARCH);
    await importMonth('2024-04', APRIL);
    const casesBefore = (await allEvents()).filter((e) => e.stream.startsWith('case-'));

    // Ada out (her case has only March's word), Cal out (his case opened in April), Eve in, Dee absent.
    const correctedMarch = await importMonth('2024-03', file(row.ada('20'), row.ben(), row.cal('40'), row.eve()));

    expect((await allEvents()).filter((e) => e.stream.startsWith('case-'))).toEqual(casesBefore);
    expect(correctedMarch.summary).toMatchObject({
      comparedWith: '2024-02',
      rows: 4,
      imported: 4,
      new: 0,
      unchanged: 4,
      expired: 1,
    });
    // Dee did leave March's cohort, but April's word stands on her case: it is not flagged.
    expect(correctedMarch.expired).toEqual([{ personId: dee.personId, reason: 'absent-from-upload' }]);
    const rows = (await store.readStream('iomimport-2024-03'))
      .filter((e) => e.type === 'iom-cohort-batch-imported')
      .flatMap((e) => (e.data as { people: { eligible: boolean }[] }).people)
      .slice(-4);
    expect(rows.map((person) => person.eligible)).toEqual([false, true, false, true]);
  });

  /** Version 2 asks OGRS 85 on its own: Ada (80) is out; Ben qualifies with robbery or burglary. */
  const underVersion2 = () => {
    const thresholds = { ...LONDON_2021_ELIGIBILITY_POLICY.thresholds, ogrsAlone: 85 };
    const version2 = {
      kind: 'iom' as const,
      eligibilityPolicy: { ...LONDON_2021_ELIGIBILITY_POLICY, version: 2, thresholds },
    };
    const stricter = definePanelRegistry(
      DEFAULT_PANEL_REGISTRY.panels.map((panel) => (panel.code === 'IOM' ? { ...panel, rules: version2 } : panel)),
    );
    service = new CohortImportService(store, new DeterministicPersonResolver(store), stricter, 2);
  };

  /** April's file imports; once its first batch (Ada, Ben) is done, a late March file (Ada not eligible) runs. */
  const aprilWithLateMarch = async (csv: string) => {
    const input = request('2024-04', csv);
    let lateMarch: Promise<unknown> | undefined;
    const april = await service.run(input, {
      ...runFor(input),
      progress: async (done: number) => {
        if (done === 2) lateMarch ??= importMonth('2024-03', file(row.ada('20'), row.ben()));
        await lateMarch;
      },
    });
    return { april, lateMarch: await lateMarch };
  };

  it('a late earlier-month file running while a later month imports leaves a case that month listed alone', async () => {
    const february = await importMonth('2024-02', file(row.ada(), row.ben()));
    const ada = february.newCases[0] as { personId: string; caseId: string };
    // April has listed Ada (eligible, same scores) and not completed when the late March file runs.
    const { lateMarch } = await aprilWithLateMarch(file(row.ada(), row.ben(), row.cal(), row.dee()));
    expect(lateMarch).toMatchObject({ summary: { expired: 0, unchanged: 2 } });
    const adaCase = await store.readStream(`case-${ada.caseId}`);
    expect(adaCase.map((e) => e.type)).not.toContain('iom-cohort-expiry-flagged');
    expect(adaCase.at(-1)?.data).toMatchObject({ eligible: true, month: '2024-04' });
  });

  it('a held row says its month on the open case, keeping its standing, so a late earlier-month file leaves it alone', async () => {
    const february = await importMonth('2024-02', file(row.ada(), row.ben()));
    const ada = february.newCases[0] as { personId: string; caseId: string };
    // April cannot read Ada's scores but recognises her: held, she keeps her standing.
    const { april } = await aprilWithLateMarch(file(row.ada('high'), row.ben(), row.cal(), row.dee()));
    expect(april.summary).toMatchObject({ held: 1 });
    const adaCase = await store.readStream(`case-${ada.caseId}`);
    expect(adaCase.map((e) => e.type)).toEqual([
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-eligibility-evaluated',
    ]);
    expect(adaCase.at(-1)?.data).toMatchObject({
      eligible: true,
      inputs: { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
      source: 'core-cohort-upload',
      month: '2024-04',
    });

    // A corrected April file, Ada still held: April has already spoken to her case.
    await importMonth('2024-04', file(row.ada('high'), row.ben(), row.cal()));
    expect(await store.readStream(`case-${ada.caseId}`)).toHaveLength(adaCase.length);
  });

  it('a held row says its month on a case whose standing it cannot say again, so a late earlier-month file leaves it alone', async () => {
    const february = await importMonth('2024-02', file(row.ada(), row.ben()));
    const ada = february.newCases[0] as { personId: string; caseId: string };
    const adaCase = async () => store.readStream(`case-${ada.caseId}`);
    const asFebruaryLeftIt = await adaCase();
    // Version 2 would judge Ada's recorded scores otherwise; April cannot read her new ones.
    underVersion2();
    const { april, lateMarch } = await aprilWithLateMarch(file(row.ada('high'), row.ben(), row.cal(), row.dee()));
    expect(april.summary).toMatchObject({ held: 1 });
    expect(lateMarch).toMatchObject({ summary: { expired: 0, unchanged: 2 } });
    const events = await adaCase();
    expect(events.slice(0, -1)).toEqual(asFebruaryLeftIt);
    expect(events.at(-1)).toMatchObject({
      type: 'iom-listed-in-upload',
      data: { month: '2024-04', held: 'scores-unreadable' },
    });
  });

  it('a late earlier-month run interrupted by a shutdown, then resumed after a later month completed, reports what it first did', async () => {
    const march = request('2024-03', file(row.ada(), row.ben(), row.cal(), row.dee()));
    const controller = new AbortController();
    const interrupted = { ...runFor(march, controller.signal), progress: async () => controller.abort('shutdown') };
    await expect(service.run(march, interrupted)).rejects.toBeInstanceOf(ImportCancelledError);
    await importMonth('2024-04', file(row.ada(), row.ben(), row.cal(), row.dee()));

    const resumed = await service.run(march, runFor(march));
    const again = await service.run(march, runFor(march));
    expect(resumed.summary).toMatchObject({ new: 2, unchanged: 2 });
    expect(resumed.newCases).toHaveLength(2);
    expect({ ...resumed.summary, alreadyImported: true }).toEqual(again.summary);
    expect(again.newCases).toEqual(resumed.newCases);
  });

  it('finds the open IOM case of someone the row’s person was merged with, instead of opening a second', async () => {
    const march = await importMonth('2024-03', MARCH);
    const ben = march.newCases[1] as { personId: string; caseId: string };
    // Cal was ineligible in March (no case). A reviewer then confirms Cal's record is Ben's person.
    const resolver = new DeterministicPersonResolver(store);
    const cal = await resolver.lookup({
      forenames: 'Cal',
      surname: 'Sampleton',
      dateOfBirth: '1992-11-30',
      identifiers: { crn: 'C100003' },
    });
    expect(cal).toBeDefined();
    await confirmMerge(ben.personId, cal as string);

    // April: Cal's row is now eligible. The person already has Ben's open IOM case.
    const april = await importMonth('2024-04', file(row.ada(), row.ben(), row.cal('80')));
    expect(april.newCases).toEqual([]);
    const iomReferrals = (await allEvents()).filter((e) => e.type === 'referral-made');
    expect(iomReferrals).toHaveLength(3); // ada, ben, dee in March; nobody new in April
  });

  it('treats two merged records as one person: neither a duplicate row nor flagged absent while the other is listed', async () => {
    const march = await importMonth('2024-03', file(row.ada(), row.ben(), row.cal('80')));
    const [ada, ben, cal] = march.newCases as { personId: string; caseId: string }[];
    expect(ada && ben && cal).toBeTruthy();
    await confirmMerge(ben?.personId as string, cal?.personId as string);

    // April lists Ben but not Cal: Cal's record is Ben's person, who is listed.
    const april = await importMonth('2024-04', file(row.ada(), row.ben()));
    expect(april.expired).toEqual([]);
    expect(await caseEvents(ben?.caseId as string)).not.toContain('iom-cohort-expiry-flagged');
    expect(await caseEvents(cal?.caseId as string)).not.toContain('iom-cohort-expiry-flagged');

    // May lists both records: one person, so the second row is a duplicate.
    const may = await importMonth('2024-05', file(row.ada(), row.ben(), row.cal('80')));
    expect(may.problems).toEqual([expect.objectContaining({ row: 3, field: 'person', reason: 'duplicate-person' })]);
  });

  it('a run interrupted by a shutdown stops between batches; the resumed run completes without writing anything twice', async () => {
    await importMonth('2024-03', MARCH);
    const input = request('2024-04', APRIL);
    const controller = new AbortController();
    const interrupted = { ...runFor(input, controller.signal), progress: async () => controller.abort('shutdown') };
    await expect(service.run(input, interrupted)).rejects.toBeInstanceOf(ImportCancelledError);
    const partial = (await allEvents()).length;
    const retried = await service.run(input, runFor(input));

    // The same history as a clean run on a fresh store: nothing doubled.
    const cleanDir = mkdtempSync(join(tmpdir(), 'cohort-import-clean-'));
    const clean = SqliteEventStore.inDataDir(cleanDir, { synchronous: 'NORMAL' });
    try {
      const cleanService = new CohortImportService(clean, new DeterministicPersonResolver(clean), undefined, 2);
      const march = request('2024-03', MARCH);
      await cleanService.run(march, runFor(march));
      const cleanApril = await cleanService.run(input, runFor(input));
      const count = (events: RecordedEvent[]) =>
        events.reduce<Record<string, number>>((n, e) => ({ ...n, [e.type]: (n[e.type] ?? 0) + 1 }), {});
      expect(partial).toBeLessThan((await allEvents()).length);
      expect(count(await allEvents())).toEqual(count(await clean.readAll({})));
      expect(retried.summary).toEqual(cleanApril.summary);
    } finally {
      await clean.close();
      rmSync(cleanDir, { recursive: true, force: true });
    }
  });

  it('the same file uploaded again after a cancelled upload reports the referrals the cancelled one opened as new', async () => {
    const first = request('2024-03', MARCH);
    const controller = new AbortController();
    const interrupted = { ...runFor(first, controller.signal), progress: async () => controller.abort('cancelled') };
    await expect(service.run(first, interrupted)).rejects.toBeInstanceOf(ImportCancelledError);
    // A new upload is a new job: received later, so its writes are named apart from the cancelled one's.
    const reupload = { ...first, receivedAt: '2024-03-06T09:00:00.000Z' };
    const report = await service.run(reupload, runFor(reupload));
    expect(report.summary).toMatchObject({ new: 3, unchanged: 1, bad: 1 });
    expect(report.newCases).toHaveLength(3);
    expect((await allEvents()).filter((e) => e.type === 'referral-made')).toHaveLength(3);

    const again = await importMonth('2024-03', MARCH);
    expect(again.summary).toEqual({ ...report.summary, alreadyImported: true });
    expect(importFiles(again)).toEqual(importFiles(report));
    expect(again.newCases).toEqual(report.newCases);
  });

  it('a corrected file for the month does not refer again someone whose referral from that month the panel rejected', async () => {
    const march = await importMonth('2024-03', MARCH);
    const ada = march.newCases[0] as { personId: string; caseId: string };
    const ctx = {
      actor: { id: coordinator.id, name: coordinator.name, agency: coordinator.agency, roles: coordinator.roles },
      correlationId: 'panel-decision',
      causationId: 'panel-decision',
      occurredAt: '2024-03-10T10:00:00.000Z',
      now: '2024-03-10T10:00:00.000Z',
      eventId: () => randomUUID(),
    };
    await handleCommand(
      store,
      `case-${ada.caseId}`,
      createCaseDecider(DEFAULT_PANEL_REGISTRY),
      {
        type: 'reject-iom-case',
        data: {
          caseId: ada.caseId,
          occurredAt: ctx.occurredAt,
          category: 'managed-under-mappa',
          reason: 'Already managed under MAPPA level 3',
        },
      },
      ctx,
    );

    // Corrected: the bad row's score fixed, Ada's row unchanged.
    const corrected = await importMonth('2024-03', MARCH.replace(',high,', ',20,'));
    const adaRow = corrected.rows.find((r) => r.personId === ada.personId);
    expect(adaRow).toMatchObject({ outcome: 'unchanged' });
    expect(corrected.newCases.map((c) => c.personId)).not.toContain(ada.personId);
    const referrals = (await allEvents()).filter((e) => e.type === 'referral-made');
    expect(referrals).toHaveLength(3);
  });

  it('after a policy version change, an expired case with unchanged scores records the new policy’s judgement, once', async () => {
    const february = await importMonth('2024-02', file(row.ada(), row.ben()));
    const ada = february.newCases[0] as { personId: string; caseId: string };
    underVersion2();
    // Two batches: a shutdown stops the run after the first, which has Ada's row.
    const march = request('2024-03', file(row.ada(), row.ben(), row.cal()));
    const controller = new AbortController();
    const interrupted = { ...runFor(march, controller.signal), progress: async () => controller.abort('shutdown') };
    await expect(service.run(march, interrupted)).rejects.toBeInstanceOf(ImportCancelledError);
    const adaCase = async () => store.readStream(`case-${ada.caseId}`);
    const afterFirstAttempt = await adaCase();

    const resumed = await service.run(march, runFor(march));
    expect(resumed.expired).toEqual([{ personId: ada.personId, caseId: ada.caseId, reason: 'no-longer-eligible' }]);
    expect(await adaCase()).toEqual(afterFirstAttempt);
    expect(afterFirstAttempt.map((e) => e.type).slice(2)).toEqual([
      'iom-cohort-expiry-flagged',
      'iom-eligibility-evaluated',
    ]);
    expect(afterFirstAttempt.at(-1)?.data).toMatchObject({
      eligible: false,
      policy: { id: 'london-2021', version: 2 },
      month: '2024-03',
    });
    // A corrected March file listing her with the same scores writes nothing more on her case.
    await importMonth('2024-03', file(row.ada(), row.ben(), row.cal(), row.dee()));
    expect(await adaCase()).toEqual(afterFirstAttempt);
  });

  it('a row the resolver cannot settle on one person is a bad row; the rest of the file goes on', async () => {
    // Same valid PNC as Ada's row, another CRN: the deterministic resolver refuses to choose.
    const clash = `F100006,1979/0163001B,Fay,Otherperson,1970-01-01,,90,50,N,`;
    const report = await importMonth('2024-03', file(row.ada(), clash, row.eve()));
    expect(report.summary).toMatchObject({ rows: 3, imported: 2, bad: 1, new: 2 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'person', reason: 'person-unresolved' }),
    ]);
  });

  it('a re-upload of the same file lists the unresolved rows again, with a reason a coordinator can read', async () => {
    const clash = `F100006,1979/0163001B,Fay,Otherperson,1970-01-01,,90,50,N,`;
    const csv = file(row.ada(), clash, row.eve());
    const first = await importMonth('2024-03', csv);
    const again = await importMonth('2024-03', csv);
    expect(again.summary).toMatchObject({ alreadyImported: true, bad: 1 });
    expect(again.problems).toEqual(first.problems);
    expect(importFiles(again)).toEqual(importFiles(first));
    const [unresolved] = first.problems;
    expect(unresolved).toMatchObject({ row: 2, reason: 'person-unresolved' });
    // Stream names and event or person ids mean nothing to a coordinator.
    expect(unresolved?.message).not.toMatch(/stream|person-|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('refuses a file without a required column, naming it', async () => {
    await expect(
      importMonth('2024-03', 'CRN,Forenames,Surname,DOB\nA100001,Ada,Testperson,01/02/1990\n'),
    ).rejects.toMatchObject({
      kind: 'invalid',
      details: expect.arrayContaining([
        expect.objectContaining({ field: 'ogrs_2yr', rule: 'required-column' }),
      ]) as unknown,
    });
    expect(await allEvents()).toHaveLength(0);
  });
});
