import type { EventMetadata, RecordedEvent } from '../../../../event-store/src/port/event-envelope';

/**
 * The perpetrator's record a MARAC `referral-made` names (one a failed attempt of it wrote, say):
 * in its metadata, as the event has no field for it. Undefined when it names none.
 */
export function perpetratorRecordNamedBy({ perpetratorRecordId }: EventMetadata): string | undefined {
  return typeof perpetratorRecordId === 'string' ? perpetratorRecordId : undefined;
}

/**
 * The records a `referral-made` names: the subject's (`recordId`) and the perpetrator's its
 * metadata carries. Nothing for any other event, nor for referrals recorded before they named records.
 */
export function recordsNamedBy(event: RecordedEvent): string[] {
  if (event.type !== 'referral-made') return [];
  const { recordId } = event.data as { recordId?: unknown };
  return [recordId, perpetratorRecordNamedBy(event.metadata)].filter((id): id is string => typeof id === 'string');
}
