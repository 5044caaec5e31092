/**
 * Well-formed events of the contexts the case log leaves out, each typed by its context's own
 * event type so that a shape every projection reading it expects is what this writes: person
 * links, merges and splits (identity), the monthly IOM import, disclosures, sharing agreements
 * and recorded reads. Undecided, as the case log is: a split of someone never merged, details
 * of a record never linked, a revocation of an unknown disclosure. All data is synthetic.
 */
import type { PersonDetails } from '../../../case-lifecycle/src/domain/events/person-events';
import type { CohortImportEvent } from '../../../cohort-import/src/domain/import-events';
import type { MatchLevels } from '../../../identity/src/domain/matching';
import type { MatchEvent, PersonLinkEvent } from '../../../identity/src/domain/person-links';
import type { DisclosureEvent, DsaEvent, LawfulBasis } from '../../../information-sharing/src/domain';
import { readAuditEvent, refusedReadEvent } from '../../../audit/src/application/read-audit-event';
import type { EventToAppend } from '../../../event-store/src/port/event-envelope';
import type { Principal } from '../../../platform/src/auth/principal';

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** The case log's people and cases (`appendRandomCaseLog`): ids that are array indexes or prototype names included. */
const ODD_IDS = ['7', '10', 'constructor', 'toString'];
export const PEOPLE = [...ODD_IDS, ...Array.from({ length: 60 }, (_, i) => `person-${i}`)];
/** How many cases the mixed history's case log keeps (besides the odd ids); the other contexts name the same. */
export const CASES = 60;
const CASE_IDS = [...ODD_IDS, ...Array.from({ length: CASES }, (_, i) => `case-${i}`)];

const PANELS = ['MARAC', 'IOM', 'ALLIANCE'];
const AGENCIES = ['Housing', 'Probation', 'Children Services', 'IDVA Service'];
const MONTHS = ['2024-03', '2024-04', '2024-05'];
const PRINCIPALS: readonly Principal[] = [
  { id: 'user-1', name: 'Synthetic Coordinator', agency: 'Police', roles: ['coordinator'], panels: ['MARAC'] },
  { id: 'user-2', name: 'Synthetic Officer', agency: 'Probation', roles: ['practitioner'], panels: ['IOM'] },
  { id: 'user-3', name: 'Synthetic Analyst', agency: 'Council', roles: ['auditor'], panels: [] },
];

export const at = (random: Random): string =>
  `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}T1${Math.floor(random() * 10)}:00:00.000Z`;

const details = (random: Random): PersonDetails => ({
  forenames: pick(random, ['Jordan', 'Priya', 'Kofi', 'Niamh']),
  surname: pick(random, ['Okafor', 'Nowak', 'Byrne']),
  aliases: random() < 0.2 ? [{ forenames: 'Jo', surname: 'Smith' }] : [],
  ...(random() < 0.5 ? { dateOfBirth: '1990-0' + (1 + Math.floor(random() * 9)) + '-15' } : {}),
  ...(random() < 0.5 ? { postcode: pick(random, ['N1 1AA', 'E8 2BB']) } : {}),
  identifiers: random() < 0.3 ? { pnc: '2001/0012345X' } : {},
});

const LEVELS = { forename: 'exact', surname: 'exact', dateOfBirth: 'missing' } as unknown as MatchLevels;

/** What the identity context has written so far, so later events mostly name records and pairs that exist. */
export class IdentityWorld {
  private readonly records = new Map<string, string>();
  private readonly proposals: { id: string; pair: [string, string] }[] = [];
  private next = 0;

  event(random: Random): { stream: string; event: PersonLinkEvent | MatchEvent } {
    const occurredAt = at(random);
    const personId = pick(random, PEOPLE);
    const roll = random();
    const known = [...this.records.keys()];
    if (roll < 0.3 || known.length === 0) {
      const recordId = `record-${this.next++}`;
      this.records.set(recordId, personId);
      const data = { personId, recordId, details: details(random), score: 12 + Math.floor(random() * 20) / 4 };
      const event = {
        type: 'person-record-linked',
        data: { ...data, levels: LEVELS, identifierAgreement: random() < 0.3, occurredAt },
      } as const;
      return { stream: `identity-${personId}`, event };
    }
    if (roll < 0.45) {
      const recordId = random() < 0.9 ? pick(random, known) : 'record-never-linked';
      const holder = this.records.get(recordId) ?? personId;
      const changes = pick(random, [
        { postcode: 'SE1 9ZZ' },
        { safeContactNumber: '07700 900123' },
        { surname: 'Reyes' },
      ]);
      const event = {
        type: 'person-record-details-recorded',
        data: { personId: holder, recordId, changes, ...(random() < 0.5 ? { source: 'case-3' } : {}), occurredAt },
      } as const;
      return { stream: `identity-${holder}`, event };
    }
    if (roll < 0.55) {
      const intoPersonId = random() < 0.5 ? pick(random, PEOPLE) : `split-${this.next++}`;
      const recordIds = known.filter((id) => this.records.get(id) === personId && random() < 0.5);
      for (const id of recordIds) this.records.set(id, intoPersonId);
      const caseIds = random() < 0.5 ? [pick(random, CASE_IDS)] : [];
      const data = {
        personId,
        intoPersonId,
        restored: random() < 0.4,
        recordIds,
        caseIds,
        reason: 'Synthetic',
        occurredAt,
      };
      return { stream: `identity-${personId}`, event: { type: 'person-split', data } };
    }
    return this.matchEvent(random, occurredAt);
  }

  private matchEvent(random: Random, occurredAt: string): { stream: string; event: MatchEvent } {
    const open = this.proposals.length > 0 && random() < 0.7 ? pick(random, this.proposals) : undefined;
    if (open === undefined) {
      const proposal = {
        id: `proposal-${this.next++}`,
        pair: [pick(random, PEOPLE), pick(random, PEOPLE)] as [string, string],
      };
      this.proposals.push(proposal);
      const data = {
        proposalId: proposal.id,
        personIds: proposal.pair,
        score: 9.5,
        levels: LEVELS,
        guards: [],
        occurredAt,
      };
      return { stream: `personmatch-${proposal.id}`, event: { type: 'match-proposed', data } };
    }
    const base = { proposalId: open.id, personIds: open.pair, reason: 'Synthetic review', occurredAt };
    const roll = random();
    const event: MatchEvent =
      roll < 0.45
        ? {
            type: 'match-confirmed',
            data: {
              ...base,
              survivorId: open.pair[0],
              mergedId: open.pair[1],
              ...(random() < 0.7 ? { registeredAt: { [open.pair[0]]: 1, [open.pair[1]]: 2 } } : {}),
            },
          }
        : roll < 0.8
          ? { type: 'match-rejected', data: base }
          : { type: 'match-reopened', data: { ...base, previously: pick(random, ['confirmed', 'rejected'] as const) } };
    return { stream: `personmatch-${open.id}`, event };
  }
}

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
  const facts = {
    disclosureId,
    personId: aboutCase && random() < 0.3 ? null : pick(random, PEOPLE),
    caseId: aboutCase ? pick(random, CASE_IDS) : null,
    ...(random() < 0.5 ? { panel: pick(random, PANELS) } : {}),
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
