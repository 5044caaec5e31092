import { CASE_EVENT_TYPES, type MeetingEventType, type PersonEventType } from '../../../case-lifecycle/src/domain';
import { IDENTITY_EVENT_TYPES } from '../../../identity/src/domain/person-links';
import { DISCLOSURE_EVENT_TYPES, DSA_EVENT_TYPES } from '../../../information-sharing/src/domain';
import { READ_AUDIT_ACTIONS } from '../../../platform/src/audit/read-audit';
import { ACCESS_REFUSED } from '../refused/refused-read';

const MEETING_EVENT_TYPES = [
  'meeting-scheduled',
  'meeting-case-listed',
  'meeting-held',
  'meeting-cancelled',
] as const satisfies readonly MeetingEventType[];
// Fails to compile if a meeting event type is missing above.
const meetingTypesListed: Exclude<MeetingEventType, (typeof MEETING_EVENT_TYPES)[number]> extends never ? true : never =
  true;

const PERSON_EVENT_TYPES = [
  'person-registered',
  'person-details-recorded',
] as const satisfies readonly PersonEventType[];
const personTypesListed: Exclude<PersonEventType, (typeof PERSON_EVENT_TYPES)[number]> extends never ? true : never =
  true;

/** The cohort import's own stream (see cohort-import.service.ts); its events have no exported union. */
const COHORT_IMPORT_EVENT_TYPES = [
  'iom-cohort-file-imported',
  'iom-cohort-batch-imported',
  'iom-cohort-absentees-flagged',
  'iom-cohort-upload-cancelled',
];

/**
 * Every action the trail can hold: the event types each context writes, and the recorded reads.
 * A filter on anything else can only ever answer nothing, which looks like "nobody did it".
 */
export const TRAIL_ACTIONS: readonly string[] = [
  ...new Set<string>([
    ...READ_AUDIT_ACTIONS,
    ACCESS_REFUSED,
    ...CASE_EVENT_TYPES,
    ...MEETING_EVENT_TYPES,
    ...PERSON_EVENT_TYPES,
    ...IDENTITY_EVENT_TYPES,
    ...DISCLOSURE_EVENT_TYPES,
    ...DSA_EVENT_TYPES,
    ...COHORT_IMPORT_EVENT_TYPES,
  ]),
].sort();

void meetingTypesListed;
void personTypesListed;
