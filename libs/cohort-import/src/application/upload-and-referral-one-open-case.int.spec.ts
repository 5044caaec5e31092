import { ServiceUnavailableException } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rejection } from '../../../command-handling/src/rejections';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import {
  MakeReferralCommand,
  type ReferralOutcome,
} from '../../../case-lifecycle/src/application/make-referral.command';
import { MakeReferralHandler } from '../../../case-lifecycle/src/application/make-referral.handler';
import { DeterministicPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/deterministic-person-resolver';
import type { MakeReferralDto } from '../../../case-lifecycle/src/http/dto/referral.dto';
import { iomReferral, person } from '../../../../test/support/referrals';
import { eventIdsFor } from '../testing/deterministic-ids';
import { COHORT_HEADER, UPLOAD_COORDINATOR } from '../testing/upload-coordinator';
import { CohortImportService, type CohortImportRequest } from './cohort-import.service';
import type { ImportReport } from './import-report';

/** Synthetic nominal and coordinator only. */
const coordinator: Principal = {
  id: 'coordinator-1',
  name: 'Casey Coordinator',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
const MONTH = '2026-10';
/** Eligible under the London policy (OGRS 80). */
const CSV = `${COHORT_HEADER}\nN100001,,Nolan,Racewell,1988-08-08,,80,40,N,licence\n`;
const REFERRAL = iomReferral(
  {},
  {
    referredAt: '2026-10-20T10:00:00Z',
    person: person({ forenames: 'Nolan', surname: 'Racewell', dateOfBirth: '1988-08-08', sex: 'male' }),
  },
) as unknown as MakeReferralDto;
const UPLOAD: CohortImportRequest = { month: MONTH, csv: CSV, receivedAt: `${MONTH}-28T09:00:00.000Z` };
/** Last month's upload listed him, not eligible (OGRS 40, OVP 40): a person on record, with no IOM case. */
const LAST_MONTH: CohortImportRequest = {
  month: '2026-09',
  csv: `${COHORT_HEADER}\nN100001,,Nolan,Racewell,1988-08-08,,40,40,N,licence\n`,
  receivedAt: '2026-09-28T09:00:00.000Z',
};

const isNotes = (stream: string): boolean => stream.startsWith('personreferrals-');

/**
 * The log as one side sees it, calling `step` after each of its reads of a person's referral notes
 * and each note it appends: the other side is sent in there, each spec at another step.
 */
function steppingOn(store: EventStore, step: () => Promise<void>): EventStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'readStream' && property !== 'append') {
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return async (stream: string, ...rest: unknown[]) => {
        const result: unknown = await (value as (...args: unknown[]) => Promise<unknown>).call(target, stream, ...rest);
        if (isNotes(stream)) await step();
        return result;
      };
    },
  });
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(work: Promise<T>): Promise<Settled<T>> =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
/** A refusal's rule: a Rejection's, or the 503 body's while another referral is being recorded. */
const ruleOf = (error: unknown): string | undefined =>
  error instanceof ServiceUnavailableException
    ? (error.getResponse() as { rule?: string }).rule
    : (error as Rejection).rule;

/**
 * The monthly upload (a job) and POST /v1/referrals (an API process) refer the same nominal to
 * IOM, each on its own view of one SQLite log. IOM keeps one open case per person: whichever comes
 * second, one after the other or in the middle of the other's work, must not open a second one
 * (the cohort would list him twice). The upload then reports the row against the open case.
 */
describe('one open IOM case per person, between the monthly upload and an API referral (real SQLite log)', () => {
  const dirs: string[] = [];
  const stores: EventStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const freshLog = (): EventStore => {
    const dir = mkdtempSync(join(tmpdir(), 'upload-referral-'));
    dirs.push(dir);
    const store = SqliteEventStore.inDataDir(dir, { synchronous: 'OFF' });
    stores.push(store);
    return store;
  };
  const upload = (store: EventStore, request = UPLOAD): Promise<ImportReport> =>
    new CohortImportService(store, new DeterministicPersonResolver(store)).run(request, {
      principal: UPLOAD_COORDINATOR,
      correlationId: `job-${request.month}`,
      eventIdFor: eventIdsFor(request),
    });
  /** A log where he is new, or on record from last month's upload (the referral then checks before resolving him). */
  const logWhereHeIs = async (known: boolean): Promise<EventStore> => {
    const store = freshLog();
    if (known) expect((await upload(store, LAST_MONTH)).newCases).toEqual([]);
    return store;
  };
  const refer = (store: EventStore): Promise<ReferralOutcome> =>
    new MakeReferralHandler(store, new DeterministicPersonResolver(store)).execute(
      new MakeReferralCommand(REFERRAL, coordinator, coordinatorContext(new Date().toISOString())),
    );
  /** Every IOM case opened for anyone, with whether it is still open (none of them is closed here). */
  const iomCases = async (store: EventStore) =>
    (await store.readAll({}))
      .filter((e) => e.type === 'referral-made' && (e.data as { panelCode: string }).panelCode === 'IOM')
      .map((e) => ({ caseId: e.stream.replace(/^case-/, ''), personId: (e.data as { personId: string }).personId }));

  it('upload first, then an API referral of him: 409 naming the upload’s case, nothing more written', async () => {
    const store = freshLog();
    const report = await upload(store);
    const [opened] = report.newCases;
    expect(report.newCases).toHaveLength(1);

    await expect(refer(store)).rejects.toMatchObject({
      rule: 'one-open-case-per-person',
      message: expect.stringContaining(opened?.caseId ?? 'none') as string,
    });
    expect(await iomCases(store)).toEqual([opened]);
  });

  it('API referral first, then the upload naming him: the row is reported against his open case', async () => {
    const store = freshLog();
    const made = await refer(store);
    const report = await upload(store);

    expect(report.newCases).toEqual([]);
    expect(report.rows).toEqual([
      expect.objectContaining({ row: 1, outcome: 'unchanged', personId: made.personId, caseId: made.caseId }),
    ]);
    expect(await iomCases(store)).toEqual([{ caseId: made.caseId, personId: made.personId }]);
    // The upload recorded this month's scores on his case, as on any case of the cohort.
    const evaluations = (await store.readStream(`case-${made.caseId}`)).filter(
      (e) => e.type === 'iom-eligibility-evaluated',
    );
    expect(evaluations.at(-1)?.data).toMatchObject({ source: 'core-cohort-upload', month: MONTH });
  });

  it.each([
    ['new', false, 5],
    ['on record', true, 4],
  ])(
    'an API referral sent at any point of the upload’s reading and noting of his referrals (%s): one open case',
    async (_, known, points) => {
      let at = 1;
      for (; ; at++) {
        const store = await logWhereHeIs(known);
        let steps = 0;
        let referral: Settled<ReferralOutcome> | undefined;
        const uploading = steppingOn(store, async () => {
          if (++steps === at) referral = await settle(refer(store));
        });
        const report = await upload(uploading);
        if (referral === undefined) break;

        const cases = await iomCases(store);
        expect({ at, cases: cases.length }).toEqual({ at, cases: 1 });
        const [only] = cases;
        if (referral.ok) {
          // The referral came first: the upload found his case and reported the row against it.
          expect(only?.caseId).toBe(referral.value.caseId);
          expect({ at, newCases: report.newCases }).toEqual({ at, newCases: [] });
          // Named: IOM knows him by his case, though it did not when the row began.
          expect(report.rows[0]).toMatchObject({
            outcome: 'unchanged',
            personId: referral.value.personId,
            caseId: referral.value.caseId,
          });
        } else {
          // The upload came first: the referral is told to retry while its case is being written,
          // or refused naming it, as any second referral is.
          expect(['one-open-case-per-person', 'referral-being-recorded']).toContain(ruleOf(referral.error));
          expect(report.newCases).toEqual([only]);
          await expect(refer(store)).rejects.toMatchObject({ rule: 'one-open-case-per-person' });
        }
      }
      // Every step was a point to send the other side in: the reads before the note, and the note.
      expect(at - 1).toBeGreaterThanOrEqual(points);
    },
    60_000,
  );

  it.each([
    ['new', false, 1],
    ['on record', true, 2],
  ])(
    'the upload run at any point of an API referral’s reading of his referrals (%s): one open case',
    async (_, known, points) => {
      let at = 1;
      for (; ; at++) {
        const store = await logWhereHeIs(known);
        let steps = 0;
        let report: ImportReport | undefined;
        // Not after its note: the upload would wait on the case the referral is about to write.
        let noted = false;
        const referring = steppingOn(store, async () => {
          if (noted || ++steps !== at) return;
          report = await upload(store);
        });
        const spy = new Proxy(referring, {
          get(target, property) {
            const value: unknown = Reflect.get(target, property, target);
            if (property !== 'append') return value;
            return async (stream: string, ...rest: unknown[]) => {
              if (isNotes(stream)) noted = true;
              return (value as (...args: unknown[]) => Promise<unknown>)(stream, ...rest);
            };
          },
        });
        const referral = await settle(refer(spy));
        if (report === undefined) break;

        const cases = await iomCases(store);
        expect({ at, cases: cases.length }).toEqual({ at, cases: 1 });
        // The upload ran before the referral noted itself: the referral sees its case.
        expect(referral.ok).toBe(false);
        expect(ruleOf(referral.ok ? undefined : referral.error)).toBe('one-open-case-per-person');
        expect(report.newCases).toEqual(cases);
      }
      // Every step was a point to send the other side in: the reads before the note, and the note.
      expect(at - 1).toBeGreaterThanOrEqual(points);
    },
    60_000,
  );

  it('the upload reaching him while an API referral has noted itself and is still writing its case: one open case, the row on it', async () => {
    const store = freshLog();
    // The API process writes its case only once the upload has written a case of its own or has
    // read his notes a few times since the referral noted itself (it is waiting on that case).
    let uploadSteps = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let uploading: Promise<ImportReport> | undefined;
    const uploadLog = new Proxy(store, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'readStream' && property !== 'append') {
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
        return async (stream: string, ...rest: unknown[]) => {
          const result: unknown = await (value as (...args: unknown[]) => Promise<unknown>).call(
            target,
            stream,
            ...rest,
          );
          if ((property === 'append' && stream.startsWith('case-')) || (isNotes(stream) && ++uploadSteps >= 6))
            release();
          return result;
        };
      },
    });
    const apiLog = new Proxy(store, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'append') {
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
        return async (stream: string, ...rest: unknown[]) => {
          if (stream.startsWith('case-') && uploading !== undefined) await released;
          const result: unknown = await (value as (...args: unknown[]) => Promise<unknown>).call(
            target,
            stream,
            ...rest,
          );
          if (isNotes(stream) && uploading === undefined) {
            uploading = upload(uploadLog);
            // Should the upload fail, the referral must not wait for ever.
            uploading.catch(() => release());
          }
          return result;
        };
      },
    });

    const made = await refer(apiLog);
    const report = await (uploading as Promise<ImportReport>);

    expect(await iomCases(store)).toEqual([{ caseId: made.caseId, personId: made.personId }]);
    expect(report.newCases).toEqual([]);
    expect(report.rows[0]).toMatchObject({ outcome: 'unchanged', caseId: made.caseId });
  }, 60_000);
});
