import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { IOM_IMPORT_STREAM } from '../projections/cohort-upload-evidence';
import { caseStream } from '../domain';

/**
 * A late file for an earlier month still names the open case on its rows (they are superseded and
 * write nothing on it), so months before any the case heard are looked at too, this far back.
 */
const MONTHS_BEFORE_CASE = 24;
const MONTH = /^(\d{4})-(\d{2})/;

/**
 * The records the monthly IOM upload brought in for this case: each batch event names, per row,
 * the record its resolution brought in and the open IOM case it concerned. A row on a nominal who
 * already has a case links a record of its own that no referral names, so only this reaches it.
 * Read by event type and field from the import's stream: cohort-import depends on this context,
 * not the other way round. The months read run from before the case was opened to the latest of
 * the months its events name and `now`'s.
 */
export async function uploadRecordsOfCase(store: EventStore, caseId: string, now: string): Promise<string[]> {
  const months = monthsToRead(await store.readStream(caseStream(caseId)), now);
  const found = new Set<string>();
  for (const month of months) {
    for (const event of await store.readStream(`${IOM_IMPORT_STREAM}${month}`)) {
      if (event.type !== 'iom-cohort-batch-imported') continue;
      const { people } = event.data as { people?: readonly { caseId?: unknown; recordId?: unknown }[] };
      for (const row of people ?? []) {
        if (row.caseId === caseId && typeof row.recordId === 'string') found.add(row.recordId);
      }
    }
  }
  return [...found];
}

function monthsToRead(caseEvents: readonly RecordedEvent[], now: string): string[] {
  const named = caseEvents.flatMap((event) => {
    const { month, occurredAt, referredAt } = event.data as Record<string, unknown>;
    return [month, occurredAt, referredAt].flatMap((text) => (typeof text === 'string' ? (monthOf(text) ?? []) : []));
  });
  const first = named.reduce<number | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
  const last = Math.max(...named, monthOf(now) ?? 0);
  if (first === undefined) return [];
  const months: string[] = [];
  for (let m = first - MONTHS_BEFORE_CASE; m <= last; m++) {
    months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/** Months counted from year 0, so a range is a plain loop. */
function monthOf(text: string): number | undefined {
  const match = MONTH.exec(text);
  return match === null ? undefined : Number(match[1]) * 12 + Number(match[2]) - 1;
}
