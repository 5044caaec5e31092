import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';

const ACTORS = [
  { id: 'user-1', name: 'Synthetic Coordinator', agency: 'Metropolitan Police' },
  { id: 'user-2', name: 'Synthetic Advocate', agency: 'IDVA Service' },
  { id: 'user-2', name: 'Synthetic Advocate (renamed)', agency: 'IDVA Service' },
  { id: 'user-3', name: 'Synthetic Officer', agency: 'Probation' },
] as const;
const PANELS = ['MARAC', 'IOM', 'ALLIANCE'] as const;
const CASE_EVENTS = ['risk-rated', 'action-agreed', 'case-closed'] as const;
const READS = ['case-viewed', 'search', 'export'] as const;

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const some = <T>(random: Random, items: readonly T[], most: number): T[] =>
  Array.from({ length: Math.floor(random() * (most + 1)) }, () => pick(random, items));

/**
 * Appends `count` synthetic events shaped like the ones the audit trail sees: people registered,
 * cases referred (sometimes twice, naming someone new), case events naming an action owner or
 * nobody, meetings listing, discussing and called off with cases (sometimes before their
 * referral), disclosures and their revocations (naming the entry's ids or not), reads listing
 * cases and people (repeats included; views with the basis they were shown on), person-key claims, and streams of no known kind naming
 * ids deep in their data. Actors
 * change name now and then, and some events happened earlier than they were recorded.
 */
export async function appendRandomTrailLog(store: EventStore, count: number, random: Random): Promise<void> {
  const people = Array.from({ length: 40 }, (_, i) => `p${i}`);
  const cases = Array.from({ length: 30 }, (_, i) => `c${i}`);
  const referred = new Set<string>();
  let clock = Date.UTC(2024, 0, 1);
  for (let written = 0; written < count; written++) {
    clock += 60_000;
    const recordedAt = new Date(clock).toISOString();
    const metadata: EventMetadata = {
      actor: { ...pick(random, ACTORS), roles: ['practitioner'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: random() < 0.2 ? new Date(clock - 86_400_000).toISOString() : recordedAt,
      recordedAt,
      schemaVersion: 1,
    };
    const caseId = pick(random, cases);
    const personId = pick(random, people);
    const roll = random();
    const [stream, type, data] = ((): [string, string, unknown] => {
      if (roll < 0.25 && (!referred.has(caseId) || random() < 0.1)) {
        referred.add(caseId);
        const perpetrator =
          random() < 0.5
            ? { perpetratorPersonId: pick(random, people) }
            : random() < 0.3
              ? { perpetrator: { personId: 'not-known', relationshipToVictim: 'not recorded' } }
              : {};
        return [
          `case-${caseId}`,
          'referral-made',
          { caseId, panelCode: pick(random, PANELS), personId, ...perpetrator, referrer: { agency: 'Synthetic' } },
        ];
      }
      if (roll < 0.5) {
        const owner = random() < 0.3 ? { owner: { ownerPersonId: personId } } : {};
        return [`case-${caseId}`, pick(random, CASE_EVENTS), { note: 'synthetic', ...owner }];
      }
      if (roll < 0.6)
        return [`person-${personId}`, 'person-registered', { personId, details: { surname: 'Synthetic' } }];
      const meeting = `meeting-m${Math.floor(random() * 5)}`;
      if (roll < 0.64) return [meeting, 'meeting-case-listed', { caseId }];
      if (roll < 0.66) {
        const casesDiscussed = some(random, cases, 3);
        return [meeting, 'meeting-held', { attendance: [], casesDiscussed, occurredAt: recordedAt }];
      }
      if (roll < 0.67) return [meeting, 'meeting-cancelled', { reason: 'synthetic', occurredAt: recordedAt }];
      if (roll < 0.7)
        return [`disclosure-d${written}`, 'information-shared', { personId, caseId, toAgency: 'Housing' }];
      if (roll < 0.72) {
        // A revocation of an earlier disclosure (or of none), as recorded before and since it named the entry's ids.
        const ids = random() < 0.5 ? {} : { caseId, personId };
        const revoked = `disclosure-d${Math.floor(random() * (written + 1))}`;
        return [revoked, 'disclosure-revoked', { reason: 'synthetic', ...ids }];
      }
      if (roll < 0.75) return [`personkey-k${written % 7}`, 'person-key-claimed', { personId, hash: 'salted' }];
      if (roll < 0.77) {
        const listed = [{ caseId }, { caseId: pick(random, cases), victimPersonId: personId }, { caseId }];
        return [`other-${written % 3}`, 'something-noted', { listed }];
      }
      const read = pick(random, READS);
      return [
        `audit-${recordedAt.slice(0, 10)}`,
        read,
        {
          ...(read === 'case-viewed'
            ? {
                purpose: 'synthetic review',
                access:
                  random() < 0.7
                    ? { via: 'panel', panel: pick(random, PANELS) }
                    : { via: 'disclosure', disclosureIds: [`d${written}`] },
              }
            : {}),
          caseIds: some(random, cases, 3),
          personIds: some(random, people, 4),
          ...(read === 'case-viewed' ? {} : { parameters: { q: 'synthetic' }, resultCount: 2 }),
          ...(read === 'export' ? { subject: 'subject-access' } : {}),
        },
      ];
    })();
    await store.append(stream, [{ id: randomUUID(), type, data, metadata }], { expected: 'any' });
  }
}
