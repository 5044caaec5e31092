import { trailCsv } from '../http/trail-csv';
import type { TrailItem } from '../projections/audit-trail.query';

/** Past any position: the report's reads are all there is, so nothing is cut off. */
const EVERY_POSITION = 2n ** 63n;

/** A report's reads as the trail's CSV has them, so one spreadsheet reads both. */
export async function readsCsv(reads: readonly TrailItem[]): Promise<string> {
  let csv = '';
  for await (const chunk of trailCsv({ items: reads }, () => ({ items: [] }), EVERY_POSITION)) csv += String(chunk);
  return csv;
}
