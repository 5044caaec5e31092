import type { TrailItem } from '../projections/trail-items';
import { REDACTED } from './marac-redaction';

/**
 * What a panel's meeting recorded about a case: listing it (with what agencies are to bring),
 * discussing it at the sitting, calling the meeting off with it on the agenda. The trail files
 * each under the cases it concerns, so a person's report holds those of her cases.
 */
export const MEETING_ACTIONS: readonly string[] = ['meeting-case-listed', 'meeting-held', 'meeting-cancelled'];

export const isMeeting = (item: TrailItem): boolean => MEETING_ACTIONS.includes(item.action);

/**
 * Who sat at the panel: agencies, at a sitting that discussed other people's cases too. Kept, for
 * the person may be told which agencies heard her case, but a person decides before release.
 */
export const ATTENDANCE_TO_REVIEW =
  "the agencies at a panel meeting that also discussed other people's cases: review before release";

const MEETING_STREAM = 'meeting-';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A meeting event's data as her report shows it: a sitting's `casesDiscussed` holds only `own` (her
 * cases the entry concerns; another's case id would tell her that a case exists about them, and
 * like a list's other cases it is dropped, not noted), and its attendance is listed for review.
 */
export function meetingAsTheirs(
  data: unknown,
  own: readonly string[],
  at: string,
): { readonly data: unknown; readonly review: readonly string[] } {
  if (!isObject(data)) return { data, review: [] };
  const { casesDiscussed, attendance } = data;
  const shown = Array.isArray(casesDiscussed)
    ? { ...data, casesDiscussed: casesDiscussed.filter((id) => typeof id === 'string' && own.includes(id)) }
    : data;
  const review = Array.isArray(attendance) && attendance.length > 0 ? [`${at}.attendance`] : [];
  return { data: shown, review };
}

/**
 * A meeting entry's stream names the meeting; where MARAC is redacted, a meeting's id is (as every
 * `meetingId` in the report is), so the stream keeps only its category.
 */
export const withoutMeetingId = <T extends TrailItem>(item: T): T =>
  item.stream.startsWith(MEETING_STREAM) ? { ...item, stream: `${MEETING_STREAM}${REDACTED}` } : item;
