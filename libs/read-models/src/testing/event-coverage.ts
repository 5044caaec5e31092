import { CASE_EVENT_TYPES, type MeetingEventType, type PersonEventType } from '../../../case-lifecycle/src/domain';
import { MATCH_EVENT_TYPES, PERSON_LINK_EVENT_TYPES } from '../../../identity/src/domain/person-links';
import { DISCLOSURE_EVENT_TYPES, DSA_EVENT_TYPES } from '../../../information-sharing/src/domain';
import { READ_AUDIT_ACTIONS } from '../../../platform/src/audit/read-audit';
import { ACCESS_REFUSED } from '../../../audit/src/refused/refused-read';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { eventFilter, type ProjectionDefinition } from '../projection-definition';

const MEETING_TYPES = [
  'meeting-scheduled',
  'meeting-case-listed',
  'meeting-held',
  'meeting-cancelled',
] satisfies MeetingEventType[];
const PERSON_TYPES = ['person-registered', 'person-details-recorded'] satisfies PersonEventType[];

/**
 * Every event type the contexts write, by the stream category it is written to. Spec-checked
 * against the audit trail's list of every action (`TRAIL_ACTIONS`), so a new type cannot be
 * left out here unnoticed.
 */
export const EVENT_TYPES_BY_STREAM: Readonly<Record<string, readonly string[]>> = {
  'case-': CASE_EVENT_TYPES,
  'meeting-': MEETING_TYPES,
  'person-': PERSON_TYPES,
  'identity-': PERSON_LINK_EVENT_TYPES,
  'personmatch-': MATCH_EVENT_TYPES,
  'iomimport-': [
    'iom-cohort-batch-imported',
    'iom-cohort-absentees-flagged',
    'iom-cohort-file-imported',
    'iom-cohort-upload-cancelled',
  ],
  'disclosure-': DISCLOSURE_EVENT_TYPES,
  'dsa-': DSA_EVENT_TYPES,
  'audit-': [...READ_AUDIT_ACTIONS, ACCESS_REFUSED],
};

/**
 * The `stream category / type` pairs a projection reads: those its filter lets through, each
 * of which a log meant to exercise it must hold at least once.
 */
export function pairsReadBy(projection: ProjectionDefinition): string[] {
  const passes = eventFilter(projection);
  return Object.entries(EVENT_TYPES_BY_STREAM).flatMap(([category, types]) =>
    types
      .filter((type) => passes({ stream: `${category}x`, type } as RecordedEvent))
      .map((type) => `${category} ${type}`),
  );
}

/** The pairs `projection` reads that no event of `events` holds: what a generator has stopped writing. */
export function pairsMissing(projection: ProjectionDefinition, events: readonly RecordedEvent[]): string[] {
  const held = new Set(events.map((event) => `${event.stream.slice(0, event.stream.indexOf('-') + 1)} ${event.type}`));
  return pairsReadBy(projection).filter((pair) => !held.has(pair));
}
