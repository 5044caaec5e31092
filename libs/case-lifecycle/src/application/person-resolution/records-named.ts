import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';

/**
 * The records a `referral-made` names: the subject's (`recordId`) and the perpetrator's its
 * metadata carries (`perpetratorRecordId`, which the event has no field for). Nothing for any
 * other event, nor for referrals recorded before they named records.
 */
export function recordsNamedBy(event: RecordedEvent): string[] {
  if (event.type !== 'referral-made') return [];
  const { recordId } = event.data as { recordId?: unknown };
  const { perpetratorRecordId } = event.metadata;
  return [recordId, perpetratorRecordId].filter((id): id is string => typeof id === 'string');
}
