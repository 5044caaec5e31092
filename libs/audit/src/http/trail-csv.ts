import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { csvLines, type CsvValue, spreadsheetCsv } from '../../../platform/src/domain/csv';
import type { TrailItem } from '../projections/audit-trail.query';

/** The JSON's fields as columns; those added later go last, so a column keeps its place in old files. */
const TRAIL_COLUMNS = [
  'position',
  'at',
  'actorId',
  'actorName',
  'actorAgency',
  'action',
  'kind',
  'caseId',
  'personId',
  'purpose',
  'caseIds',
  'personIds',
  'resultCount',
  'parameters',
  'pathParameters',
  'subject',
  'access',
  'stream',
  'eventId',
  'occurredAt',
  'correlationId',
  'revision',
  'refused',
] as const;

const asJson = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

/** Counts stay numbers, so a spreadsheet's figures are figures (`-5`, not `'-5`). */
const trailRow = (item: TrailItem): CsvValue[] => [
  item.position,
  item.at,
  item.actor.id,
  item.actor.name,
  item.actor.agency,
  item.action,
  item.kind,
  item.caseId,
  item.personId,
  item.purpose,
  item.caseIds.join(' '),
  item.personIds.join(' '),
  item.resultCount,
  asJson(item.parameters),
  asJson(item.pathParameters),
  item.subject,
  asJson(item.access),
  item.stream,
  item.eventId,
  item.occurredAt,
  item.correlationId,
  item.revision,
  asJson(item.refused),
];

export interface TrailPage {
  readonly items: readonly TrailItem[];
  readonly next?: string;
}

/**
 * The whole range as one file, a page at a time: `first`, then `pageAfter(next)` until a page has
 * no `next`, stopping at `through` (the log's head when asked) so entries written while the file
 * is sent, this download's own among them, are not in it. The stream pulls the next page only when
 * the client has taken the last, so memory holds a page whatever the range, and each page waits
 * a turn of the event loop, so other requests are served between pages.
 */
export function trailCsv(first: TrailPage, pageAfter: (after: bigint) => TrailPage, through: bigint): Readable {
  async function* chunks(): AsyncGenerator<string> {
    let page = first;
    let header = true;
    for (;;) {
      const inRange = page.items.filter((item) => BigInt(item.position) <= through);
      if (header) yield spreadsheetCsv(TRAIL_COLUMNS, inRange.map(trailRow));
      else if (inRange.length > 0) yield csvLines(inRange.map(trailRow));
      header = false;
      if (page.next === undefined || inRange.length < page.items.length) return;
      await nextTurn();
      page = pageAfter(BigInt(page.next));
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Filters in the order the file name gives them. */
const NAMED_FILTERS = ['personId', 'caseId', 'actor', 'agency', 'action', 'from', 'to', 'cursor'] as const;
type Filters = Partial<Record<(typeof NAMED_FILTERS)[number], string>>;

/** Characters no file system takes in a name (Windows' set, control characters), and spaces. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}\s]+/gu;
const MAX_VALUE = 60;

const fileName = (filters: Filters): string => {
  const parts = NAMED_FILTERS.flatMap((key) => {
    const value = filters[key];
    if (value === undefined) return [];
    return [`${key === 'cursor' ? 'after' : key}-${value.replace(UNSAFE, '-').slice(0, MAX_VALUE)}`];
  });
  return ['audit-trail', ...parts].join('_') + '.csv';
};

/** RFC 8187's value characters; the rest are percent-encoded as UTF-8. */
const extValue = (name: string): string =>
  encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment` with a name that says which filter the file holds (a browser keeps the name and
 * drops the query): ASCII in `filename` for old clients, the name as typed in `filename*`.
 */
export function trailCsvDisposition(filters: Filters): string {
  const name = fileName(filters);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(name)}`;
}
