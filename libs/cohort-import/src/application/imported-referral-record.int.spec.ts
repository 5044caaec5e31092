import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchingPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/matching-person-resolver';
import { crashingOnce } from '../../../case-lifecycle/src/application/person-resolution/testing/store-faults';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { COHORT_HEADER, UPLOAD_COORDINATOR } from '../testing/upload-coordinator';
import { toActor } from '../../../platform/src/auth/principal';
import { eventIdsFor } from '../testing/deterministic-ids';
import { recordConfirmedMerge } from '../../../identity/src/testing/confirmed-merge';
import { CohortImportService, type CohortImportRequest } from './cohort-import.service';

const coordinator = UPLOAD_COORDINATOR;
const HEADER = COHORT_HEADER;
// Synthetic people; PNCs carry correct check characters. Ada is known before the upload, Ben is not.
const ADA = 'A100001,1979/0163001B,Ada,Testperson,01/02/1990,N1 1AA,80,40,N,licence';
const BEN = 'B100002,,Ben,Exampleson,1985-06-15,,75,35,Y,custody';
const MARCH: CohortImportRequest = {
  month: '2024-03',
  csv: [HEADER, ADA, BEN].join('\n') + '\n',
  receivedAt: '2024-03-05T09:00:00.000Z',
};

/**
 * Which panel brought a record in is read from the record the referral names (`recordId` on
 * `referral-made`) and the record each batch row names, never from the upload's correlation id: an
 * upload's referral names the record its row's resolution brought in, the same one however often
 * the job is retried.
 */
describe('an imported IOM referral names the record its row brought in (matching resolver, real SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let adaId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imported-referral-record-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    // Registered by an API referral before the upload, so the row links a record to her.
    const ada = { forenames: 'Ada', surname: 'Testperson', dateOfBirth: '1990-02-01', postcode: 'N1 1AA' };
    const identifiers = { crn: 'A100001', pnc: '1979/0163001B' };
    const now = '2024-02-01T10:00:00.000Z';
    const api = { correlationId: 'front-end', causationId: 'front-end', occurredAt: now, now };
    const actor = toActor(coordinator);
    adaId = (
      await new MatchingPersonResolver(store).resolve(
        { ...ada, identifiers },
        { ...api, actor, eventId: () => randomUUID() },
      )
    ).personId;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importOn = (on: EventStore) =>
    new CohortImportService(on, new MatchingPersonResolver(on)).run(MARCH, {
      principal: coordinator,
      correlationId: 'job-2024-03',
      eventIdFor: eventIdsFor(MARCH),
    });
  const uploaded = async () => (await store.readAll({})).filter((e) => e.metadata.correlationId === 'job-2024-03');
  const ofType = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type);
  /** Each new case's person and the record its referral names. */
  const referralsOf = async (caseIds: readonly string[]) => {
    const named = new Map<string, unknown>();
    for (const caseId of caseIds) {
      const [made] = await store.readStream(`case-${caseId}`, { maxCount: 1 });
      const { personId, recordId } = made?.data as { personId: string; recordId?: unknown };
      named.set(personId, recordId);
    }
    return named;
  };
  /** The records the upload brought in: Ben's registration, and the record linked to Ada. */
  const recordsBroughtIn = async () => {
    const events = await uploaded();
    const [registered, ...moreRegistered] = ofType(events, 'person-registered');
    const [linked, ...moreLinked] = ofType(events, 'person-record-linked');
    expect([moreRegistered, moreLinked]).toEqual([[], []]);
    const benId = (registered?.data as { personId: string }).personId;
    return { benId, adaRecord: (linked?.data as { personId: string; recordId: string }).recordId, linked };
  };

  it('names the registration a new person’s row made, and the record a known person’s row linked', async () => {
    const report = await importOn(store);
    expect(report.summary).toMatchObject({ new: 2 });
    const { benId, adaRecord, linked } = await recordsBroughtIn();
    expect((linked?.data as { personId: string }).personId).toBe(adaId);
    const named = await referralsOf(report.newCases.map((c) => c.caseId));
    expect(named).toEqual(
      new Map([
        [adaId, adaRecord],
        [benId, benId],
      ]),
    );
  });

  it('lists the record each row brought in with the row in its batch, for the upload to claim that one', async () => {
    await importOn(store);
    const { benId, adaRecord } = await recordsBroughtIn();
    const rows = ofType(await uploaded(), 'iom-cohort-batch-imported').flatMap(
      (e) => (e.data as { people: { personId: string; recordId?: unknown }[] }).people,
    );
    expect(new Map(rows.map((row) => [row.personId, row.recordId]))).toEqual(
      new Map([
        [adaId, adaRecord],
        [benId, benId],
      ]),
    );
  });

  it('lists the record a duplicate row (a CRN of a record merged into her) linked, for the upload to claim it', async () => {
    // Ada was also recorded under another CRN, and a reviewer merged the two: both CRNs are hers.
    const other = {
      forenames: 'Ada',
      surname: 'Testperson',
      dateOfBirth: '1990-02-01',
      identifiers: { crn: 'A100009' },
    };
    const at = '2024-02-10T10:00:00.000Z';
    const api = {
      actor: toActor(coordinator),
      correlationId: 'review-1',
      causationId: 'review-1',
      occurredAt: at,
      now: at,
    };
    const { personId: otherId } = await new MatchingPersonResolver(store).resolve(other, {
      ...api,
      eventId: () => randomUUID(),
    });
    expect(otherId).not.toBe(adaId);
    await recordConfirmedMerge(
      store,
      { survivorId: adaId, mergedId: otherId, reason: 'Same person recorded under two CRNs', occurredAt: at },
      { ...api, eventId: () => randomUUID() },
    );
    const twice: CohortImportRequest = {
      ...MARCH,
      csv: [HEADER, ADA, 'A100009,,Ada,Testperson,01/02/1990,N1 1AA,80,40,N,licence'].join('\n') + '\n',
    };
    const report = await new CohortImportService(store, new MatchingPersonResolver(store)).run(twice, {
      principal: coordinator,
      correlationId: 'job-2024-03',
      eventIdFor: eventIdsFor(twice),
    });
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, reason: 'duplicate-person' })]);
    // The record is the person index's business, not the coordinator's report.
    expect(report.problems[0]).not.toHaveProperty('recordId');
    const linked = ofType(await uploaded(), 'person-record-linked').map(
      (e) => (e.data as { recordId: string }).recordId,
    );
    expect(linked).toHaveLength(2);
    const batches = ofType(await uploaded(), 'iom-cohort-batch-imported').map(
      (e) => e.data as { people: { recordId?: unknown }[]; problems?: { recordId?: unknown }[] },
    );
    const named = batches.flatMap((b) => [...b.people, ...(b.problems ?? [])].map((row) => row.recordId));
    expect(new Set(named)).toEqual(new Set(linked));
  });

  it('names the same records when the job is retried after dying before each row’s referral', async () => {
    const isCase = (stream: string) => stream.startsWith('case-');
    // Dies after linking Ada's record, before her referral.
    await expect(importOn(crashingOnce(store, isCase))).rejects.toThrow('process died');
    const [adaLinked] = ofType(await uploaded(), 'person-record-linked');
    // The retry refers Ada, registers Ben and dies before his referral.
    let cases = 0;
    await expect(importOn(crashingOnce(store, (stream) => isCase(stream) && ++cases === 2))).rejects.toThrow(
      'process died',
    );
    const before = await recordsBroughtIn();
    expect(before.linked?.id).toBe(adaLinked?.id);
    const report = await importOn(store);
    expect(await recordsBroughtIn()).toEqual(before);
    const named = await referralsOf(report.newCases.map((c) => c.caseId));
    expect(named).toEqual(
      new Map([
        [adaId, before.adaRecord],
        [before.benId, before.benId],
      ]),
    );
  });
});
