/**
 * Stream names of the case-lifecycle context: `<category>-<id>` (see the design notes). Ids come
 * from the caller; they must not be empty, because `case-` alone would name the
 * whole category.
 */
export const CASE_STREAM_PREFIX = 'case-';
export const MEETING_STREAM_PREFIX = 'meeting-';
export const PERSON_STREAM_PREFIX = 'person-';

function streamName(prefix: string, id: string): string {
  if (id.length === 0) throw new Error(`${prefix}<id>: the id must not be empty`);
  return `${prefix}${id}`;
}

/** `case-<id>`: one person's episode on one panel. */
export const caseStream = (caseId: string): string => streamName(CASE_STREAM_PREFIX, caseId);
/** `meeting-<id>`: one sitting of a panel. */
export const meetingStream = (meetingId: string): string => streamName(MEETING_STREAM_PREFIX, meetingId);
/** `person-<id>`: the details of a person as referrals gave them. */
export const personStream = (personId: string): string => streamName(PERSON_STREAM_PREFIX, personId);

function idFrom(prefix: string, stream: string): string | undefined {
  return stream.startsWith(prefix) && stream.length > prefix.length ? stream.slice(prefix.length) : undefined;
}

/** The case id of a `case-<id>` stream, or undefined for any other stream (projections use this). */
export const caseIdFromStream = (stream: string): string | undefined => idFrom(CASE_STREAM_PREFIX, stream);
export const meetingIdFromStream = (stream: string): string | undefined => idFrom(MEETING_STREAM_PREFIX, stream);
export const personIdFromStream = (stream: string): string | undefined => idFrom(PERSON_STREAM_PREFIX, stream);
