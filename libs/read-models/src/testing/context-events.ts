/**
 * Well-formed events of the contexts the case log leaves out, each typed by its context's own
 * event type so that a shape every projection reading it expects is what this writes: the
 * monthly IOM import, disclosures, sharing agreements and recorded reads (identity's are in
 * `identity-history.ts`). Undecided, as the case log is: a revocation of an unknown disclosure,
 * a party removed from an agreement never signed. All data is synthetic.
 */
import type { CohortImportEvent } from '../../../cohort-import/src/domain/import-events';
import type { DisclosureEvent, DsaEvent, LawfulBasis } from '../../../information-sharing/src/domain';
import { readAuditEvent, refusedReadEvent } from '../../../audit/src/application/read-audit-event';
import type { EventToAppend } from '../../../event-store/src/port/event-envelope';
import type { Principal } from '../../../platform/src/auth/principal';
import { at, CASE_IDS, PANELS, PEOPLE, pick, type Random } from './mixed-pools';

const AGENCIES = ['Housing', 'Probation', 'Children Services', 'IDVA Service'];
const MONTHS = ['2024-03', '2024-04', '2024-05'];
const PRINCIPALS: readonly Principal[] = [
  { id: 'user-1', name: 'Synthetic Coordinator', agency: 'Police', roles: ['coordinator'], panels: ['MARAC'] },
  { id: 'user-2', name: 'Synthetic Officer', agency: 'Probation', roles: ['practitioner'], panels: ['IOM'] },
  { id: 'user-3', name: 'Synthetic Analyst', agency: 'Council', roles: ['auditor'], panels: [] },
];

/** One upload's events at a time, on its month's stream: batches, absentees, then completed or cancelled. */
export function importEvents(random: Random, upload: number): { stream: string; events: CohortImportEvent[] } {
  const month = pick(random, MONTHS);
  const fileDigest = `digest-${upload}`;
  const person = (row: number) => ({
    personId: pick(random, PEOPLE),
    eligible: random() < 0.6,
    outcome: pick(random, ['new', 'expired', 'unchanged', 'held'] as const),
    ...(random() < 0.5 ? { caseId: pick(random, CASE_IDS) } : {}),
    row,
    ...(random() < 0.4 ? { recordId: random() < 0.5 ? null : `record-${Math.floor(random() * 30)}` } : {}),
  });
  const batches = 1 + Math.floor(random() * 3);
  const events: CohortImportEvent[] = Array.from({ length: batches }, (_, batch) => ({
    type: 'iom-cohort-batch-imported',
    data: {
      month,
      fileDigest,
      batch,
      people: Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => person(batch * 10 + i + 1)),
      ...(random() < 0.3
        ? { problems: [{ row: 99, field: 'person', reason: 'duplicate-person', recordId: null }] }
        : {}),
    },
  }));
  if (random() < 0.5)
    events.push({
      type: 'iom-cohort-absentees-flagged',
      data: {
        month,
        fileDigest,
        batch: batches,
        people: [{ personId: pick(random, PEOPLE), caseId: pick(random, CASE_IDS) }],
      },
    });
  if (random() < 0.25) events.push({ type: 'iom-cohort-upload-cancelled', data: { month, fileDigest } });
  else {
    const counts = { rows: 5, imported: 4, bad: 1, new: 2, expired: 1, unchanged: 1, held: 0 };
    const policy = { id: 'synthetic-policy', version: 1 };
    events.push({
      type: 'iom-cohort-file-imported',
      data: { ...counts, month, fileDigest, policy, comparedWith: null },
    });
  }
  return { stream: `iomimport-${month}`, events };
}

const BASIS: LawfulBasis = { regime: 'uk-gdpr', article6: 'e-public-task' };

/** A disclosure's first entry, or a later word (revoked, panel corrected) on one already written or not. */
export function disclosureEvent(random: Random, written: number): { stream: string; event: DisclosureEvent } {
  const occurredAt = at(random);
  const disclosureId =
    written > 0 && random() < 0.3 ? `disclosure-${Math.floor(random() * written)}` : `disclosure-${written}`;
  const stream = `disclosure-${disclosureId}`;
  if (disclosureId !== `disclosure-${written}`) {
    const personId = random() < 0.8 ? pick(random, PEOPLE) : null;
    const event: DisclosureEvent =
      random() < 0.5
        ? { type: 'disclosure-revoked', data: { disclosureId, reason: 'Synthetic', occurredAt } }
        : {
            type: 'disclosure-panel-corrected',
            data: { disclosureId, personId, panel: pick(random, PANELS), reason: 'Synthetic', occurredAt },
          };
    return { stream, event };
  }
  const aboutCase = random() < 0.5;
  const personId = aboutCase && random() < 0.3 ? null : pick(random, PEOPLE);
  const facts = {
    disclosureId,
    personId,
    caseId: aboutCase ? pick(random, CASE_IDS) : null,
    ...(random() < 0.5 ? { panel: pick(random, PANELS) } : {}),
    // A person's first record has the person's id; the register follows it through splits.
    ...(aboutCase || personId === null ? {} : { personRecordIds: [personId] }),
    // The record behind the name given out, on entries about a case too (the register keeps them).
    ...(personId === null ? {} : { recordsBehindFields: { name: [personId] } }),
    fromAgency: pick(random, AGENCIES),
    toAgency: pick(random, AGENCIES),
    toUser: random() < 0.3 ? { id: 'user-9', name: 'Synthetic Recipient' } : null,
    fields: ['name', 'status'] as const,
    documents: [],
    purpose: 'Safeguarding (synthetic)',
    occurredAt,
  };
  const event: DisclosureEvent =
    random() < 0.75
      ? {
          type: 'information-shared',
          data: {
            ...facts,
            lawfulBasis: BASIS,
            dsaId: `dsa-${Math.floor(random() * 4)}`,
            consent: { given: true },
            expiresAt: random() < 0.5 ? null : '2025-01-01',
          },
        }
      : {
          type: 'information-withheld',
          data: { ...facts, reason: 'Risk to the victim', lawfulBasis: null, dsaId: null, consent: null },
        };
  return { stream, event };
}

export function dsaEvent(random: Random): { stream: string; event: DsaEvent } {
  const dsaId = `dsa-${Math.floor(random() * 4)}`;
  const occurredAt = at(random);
  const agency = pick(random, AGENCIES);
  const roll = random();
  const event: DsaEvent =
    roll < 0.35
      ? {
          type: 'dsa-signed',
          data: {
            dsaId,
            title: `Synthetic agreement ${dsaId}`,
            parties: AGENCIES.slice(0, 2),
            purpose: 'Safeguarding',
            lawfulBasis: BASIS,
            reviewDate: '2025-06-01',
            inForceFrom: '2024-01-01',
            inForceTo: random() < 0.5 ? null : '2026-01-01',
            occurredAt,
          },
        }
      : roll < 0.55
        ? { type: 'dsa-party-added', data: { agency, occurredAt } }
        : roll < 0.7
          ? { type: 'dsa-party-removed', data: { agency, reason: 'Synthetic', occurredAt } }
          : roll < 0.9
            ? { type: 'dsa-renewed', data: { reviewDate: '2026-06-01', inForceTo: null, occurredAt } }
            : { type: 'dsa-expired', data: { reason: random() < 0.5 ? null : 'Synthetic', occurredAt } };
  return { stream: `dsa-${dsaId}`, event };
}

/** A read as the audit context records it (its own builders), or a refused view. */
export function readEvent(random: Random, id: string, correlationId: string): { stream: string; event: EventToAppend } {
  const now = at(random);
  const principal = pick(random, PRINCIPALS);
  const caseIds = [pick(random, CASE_IDS)];
  const personIds = random() < 0.6 ? [pick(random, PEOPLE)] : [];
  const roll = random();
  const event: EventToAppend =
    roll < 0.15
      ? refusedReadEvent(
          {
            principal,
            attempted: 'case-viewed',
            route: '/v1/cases/:caseId',
            refusal: { status: 404, rule: 'case-exists' },
            caseIds,
          },
          id,
          now,
          correlationId,
        )
      : readAuditEvent(
          {
            action: pick(random, ['case-viewed', 'person-viewed', 'search', 'export', 'report-run'] as const),
            principal,
            purpose: 'Synthetic review',
            caseIds,
            personIds,
            ...(roll < 0.5 ? { access: { via: 'panel', panel: pick(random, PANELS) } } : {}),
            ...(roll > 0.8 ? { access: { via: 'disclosure', disclosureIds: ['disclosure-1'] } } : {}),
          },
          id,
          now,
          correlationId,
        );
  return { stream: `audit-${now.slice(0, 10)}`, event };
}
