/**
 * A random IOM history for "eligible but not adopted": people referred, adopted, rejected and
 * referred again, re-assessed and flagged expired on their cases, listed (or flagged absent) by
 * monthly uploads that complete, are cancelled or arrive late for an earlier month, and merged and
 * split by identity so that who a case is about changes after the fact. Some nominals come back
 * after an earlier IOM period (adopted, then closed), which may be recorded after the later
 * referral and under a record merged into them. Some referrals are old paper ones typed in late,
 * dated (and evaluated) in 2023, before the words already recorded. All data is synthetic.
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../../command-handling/src/handle-command';
import { coordinatorContext } from '../../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { identityStream } from '../../../../identity/src/domain/person-links';
import { recordConfirmedMerge } from '../../../../identity/src/testing/confirmed-merge';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

/** An IOM referral form's referral of `personId`, scored `ogrs2y` (75 and over: eligible with the form's OVP). */
const iomReferral = (caseId: string, personId: string, recordId: string | null, ogrs2y: number) => ({
  caseId,
  panelCode: 'IOM',
  personId,
  recordId,
  referrer: { name: 'Synthetic Referrer', agency: 'probation' },
  reason: 'Synthetic referral',
  details: {
    kind: 'iom',
    route: 'referral-form',
    scores: { ogrs2y, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
    statusAtReferral: null,
  },
});

/** Appends the history: about `steps` events' worth of decisions over `people` people. */
export async function appendIomStandingLog(store: EventStore, random: Random, steps: number, people = 300) {
  let minute = 0;
  const context = (): CommandContext => {
    minute += 1;
    return coordinatorContext(new Date(Date.UTC(2024, 0, 1, 9, minute)).toISOString());
  };
  const append = (stream: string, type: string, data: object) =>
    store.append(stream, toEventsToAppend([{ type, data: { occurredAt: context().now, ...data } }], context()), {
      expected: 'any',
    });
  const persons = Array.from({ length: people }, (_, i) => `nominal-${i}`);
  // Ids an upload or a referral may name that the index never registered.
  const anyone = () => (random() < 0.1 ? `unregistered-${Math.floor(random() * 5)}` : pick(random, persons));
  // Nominals only their returns refer (and merges join): their rejections stand or fall on the returns alone.
  const returners = Array.from({ length: Math.ceil(people / 6) }, (_, i) => `returning-${i}`);
  const cases: string[] = [];
  let returns = 0;
  for (const personId of [...persons, ...returners])
    await append(`person-${personId}`, 'person-registered', {
      personId,
      details: { forenames: 'Synthetic', surname: personId, aliases: [], identifiers: {} },
    });
  const refer = (caseId: string, personId = anyone()) =>
    append(`case-${caseId}`, 'referral-made', iomReferral(caseId, personId, null, random() < 0.85 ? 80 : 40));
  const upload = async () => {
    const month = pick(random, MONTHS);
    const fileDigest = randomUUID();
    const listed = [...persons.filter(() => random() < 0.3), `unregistered-${Math.floor(random() * 5)}`].map(
      (personId) => ({ personId, eligible: random() < 0.7 }),
    );
    await append(`iomimport-${month}`, 'iom-cohort-batch-imported', {
      month,
      fileDigest,
      batch: 0,
      people: listed.map((row) => ({
        ...row,
        outcome: random() < 0.1 ? 'held' : row.eligible ? 'unchanged' : 'expired',
      })),
    });
    if (random() < 0.5)
      await append(`iomimport-${month}`, 'iom-cohort-absentees-flagged', {
        month,
        fileDigest,
        people: [anyone(), anyone()].map((personId) => ({ personId, eligible: false, outcome: 'expired' })),
      });
    if (random() < 0.15) await append(`iomimport-${month}`, 'iom-cohort-upload-cancelled', { month, fileDigest });
    else if (random() < 0.9)
      await append(`iomimport-${month}`, 'iom-cohort-file-imported', { month, fileDigest, comparedWith: null });
  };
  const eligibleReferral = async (caseId: string, personId: string, occurredAt?: string) => {
    const at = occurredAt === undefined ? {} : { occurredAt };
    await append(`case-${caseId}`, 'referral-made', { ...iomReferral(caseId, personId, null, 80), ...at });
    await append(`case-${caseId}`, 'iom-eligibility-evaluated', { eligible: true, source: 'referral', ...at });
  };
  // An earlier period dated in 2023, before any later referral: recorded first or, typed in from
  // the old file, after it; under the nominal or under a record of his a reviewer then merges into him.
  const returning = async () => {
    const personId = pick(random, returners);
    const recordedUnder = random() < 0.4 ? pick(random, returners) : personId;
    returns += 1;
    const [earlier, later] = [`iom-return-${returns}-earlier`, `iom-return-${returns}-later`];
    // Most are left alone after (random decisions and splits would soon re-attribute them all).
    if (random() < 0.25) cases.push(earlier, later);
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const earlierPeriod = async () => {
      await eligibleReferral(earlier, recordedUnder, `2023-02-${day}T10:00:00.000Z`);
      await append(`case-${earlier}`, 'iom-case-adopted', {
        reason: 'Synthetic adoption',
        occurredAt: `2023-03-${day}T10:00:00.000Z`,
      });
      await append(`case-${earlier}`, 'case-closed', {
        reason: 'Moved out of area',
        occurredAt: `2023-09-${day}T10:00:00.000Z`,
      });
    };
    const recordedLate = random() < 0.5;
    if (!recordedLate) await earlierPeriod();
    await eligibleReferral(later, personId);
    if (random() < 0.7) {
      await append(`case-${later}`, 'iom-case-rejected', { reason: 'Synthetic rejection', eligibleWhenRejected: true });
      await append(`case-${later}`, 'referral-declined', { reason: 'Rejected by the panel' });
    }
    if (recordedLate) await earlierPeriod();
    if (recordedUnder !== personId)
      await recordConfirmedMerge(
        store,
        { survivorId: personId, mergedId: recordedUnder, reason: 'Same nominal', occurredAt: context().now },
        context(),
      );
  };
  const decide = async (caseId: string) => {
    const draw = random();
    const stream = `case-${caseId}`;
    if (draw < 0.35) {
      await append(stream, 'iom-case-rejected', { reason: 'Synthetic rejection', eligibleWhenRejected: true });
      await append(stream, 'referral-declined', { reason: 'Rejected by the panel' });
    } else if (draw < 0.43) await append(stream, 'iom-case-adopted', { reason: 'Synthetic adoption' });
    else if (draw < 0.46) await append(stream, 'iom-discretionary-adoption', { reason: 'Synthetic discretion' });
    else if (draw < 0.68)
      await append(stream, 'iom-eligibility-evaluated', {
        eligible: random() < 0.7,
        source: random() < 0.5 ? 'cohort-upload' : 're-assessment',
        ...(random() < 0.5 ? { month: pick(random, MONTHS) } : {}),
      });
    else if (draw < 0.78)
      await append(stream, 'iom-cohort-expiry-flagged', {
        reason: 'Synthetic expiry',
        ...(random() < 0.6 ? { month: pick(random, MONTHS) } : {}),
      });
    else if (draw < 0.82)
      await append(stream, pick(random, ['case-closed', 'referral-declined']), { reason: 'Synthetic' });
    else await refer(caseId);
  };
  for (let step = 0; step < steps; step++) {
    const draw = random();
    if (draw < 0.35 || cases.length === 0) {
      const caseId = `iom-${cases.length}`;
      cases.push(caseId);
      // Every seventh an old paper referral typed in late, dated in 2023 and mostly not eligible then
      // (decided without another draw, so that the seeds' histories are otherwise unchanged).
      const typedInLate = cases.length % 7 === 3;
      const at = typedInLate
        ? { occurredAt: `2023-0${1 + (cases.length % 9)}-1${cases.length % 10}T10:00:00.000Z` }
        : {};
      await append(`case-${caseId}`, 'referral-made', {
        ...iomReferral(caseId, anyone(), null, random() < 0.85 ? 80 : 40),
        ...at,
      });
      // As the referral form's route evaluates the scores it gives, on the referral's date.
      const eligible = random() < 0.85;
      await append(`case-${caseId}`, 'iom-eligibility-evaluated', {
        eligible: typedInLate ? !eligible : eligible,
        source: 'referral',
        ...at,
      });
    } else if (draw < 0.41) await returning();
    else if (draw < 0.65) await decide(pick(random, cases));
    else if (draw < 0.75) await upload();
    else if (draw < 0.87) {
      const [survivorId, mergedId] = [pick(random, persons), pick(random, persons)];
      if (survivorId !== mergedId)
        await recordConfirmedMerge(
          store,
          { survivorId, mergedId, reason: 'Same person', occurredAt: context().now },
          context(),
        );
    } else {
      const personId = pick(random, persons);
      const intoPersonId = random() < 0.4 ? pick(random, persons) : `split-${randomUUID().slice(0, 8)}`;
      await append(identityStream(personId), 'person-split', {
        personId,
        intoPersonId,
        restored: !intoPersonId.startsWith('split-'),
        recordIds: [],
        caseIds: cases.filter(() => random() < 0.05),
        reason: 'Two people',
      });
    }
  }
}

/** A registered person referred to IOM and evaluated eligible; `rejected`: the panel then rejected them. */
export async function referEligibleIomCase(store: EventStore, caseId: string, rejected = false): Promise<void> {
  const personId = `person-of-${caseId}`;
  const context = coordinatorContext('2024-04-01T09:00:00.000Z');
  const data = { occurredAt: context.now };
  const events: [string, string, object][] = [
    [
      `person-${personId}`,
      'person-registered',
      { personId, details: { forenames: 'Synthetic', surname: caseId, aliases: [], identifiers: {} } },
    ],
    [`case-${caseId}`, 'referral-made', iomReferral(caseId, personId, personId, 80)],
    [`case-${caseId}`, 'iom-eligibility-evaluated', { eligible: true, source: 'referral' }],
    ...(rejected
      ? ([
          [`case-${caseId}`, 'iom-case-rejected', { reason: 'Synthetic rejection', eligibleWhenRejected: true }],
          [`case-${caseId}`, 'referral-declined', { reason: 'Rejected by the panel' }],
        ] as [string, string, object][])
      : []),
  ];
  for (const [stream, type, fields] of events)
    await store.append(stream, toEventsToAppend([{ type, data: { ...data, ...fields } }], context), {
      expected: 'any',
    });
}
