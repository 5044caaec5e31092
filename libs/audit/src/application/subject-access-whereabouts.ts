import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { FREE_TEXT_KEYS } from './marac-redaction';
import { recordOf } from './subject-access-records';
import { WITHHELD } from './third-party';

/**
 * Why a part is withheld: the reader compiling the report is on none of the panels that protect
 * the person's residence, and a member of the panel at `panel` decides on its release. Neutral on
 * what the part says.
 */
export const PROTECTED_WHEREABOUTS =
  'whereabouts or text recorded by a panel that protects residence, which the reader is not on: ' +
  'a member of that panel decides before release';

/**
 * Where a person can be found: address and postcode, the safe number to call her on, the
 * household's children, and the match levels and score measured on the address (a residence level
 * says another panel's postcode for her equals this one).
 */
const WHEREABOUTS_KEYS: ReadonlySet<string> = new Set([
  'address',
  'postcode',
  'safeContactNumber',
  'children',
  'levels',
  'score',
]);
/** Measured on every record of hers, so withheld on any record once one of them is protected. */
const MEASURE_KEYS: ReadonlySet<string> = new Set(['levels', 'score']);

/** A part withheld, by its relative path into what was walked (`.details.address`). */
export interface WithheldWhereabouts {
  readonly data: unknown;
  readonly paths: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every field of `keys` at any depth replaced by `WITHHELD`, unless empty or withheld already. */
function withheldAt(value: unknown, keys: (key: string) => boolean): WithheldWhereabouts {
  const paths: string[] = [];
  const visit = (inner: unknown, path: string): unknown => {
    if (Array.isArray(inner)) return inner.map((item, i) => visit(item, `${path}[${i}]`));
    if (!isObject(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner).map(([key, field]) => {
        const at = `${path}.${key}`;
        if (!keys(key) || field === undefined || field === null || field === WITHHELD) return [key, visit(field, at)];
        paths.push(at);
        return [key, WITHHELD];
      }),
    );
  };
  return { data: visit(value, ''), paths };
}

/** What a protecting panel recorded: its whereabouts fields and its free text. */
export const protectedContent = (value: unknown): WithheldWhereabouts =>
  withheldAt(value, (key) => WHEREABOUTS_KEYS.has(key) || FREE_TEXT_KEYS.has(key));

/** Another record of hers: what was measured against the protected records, and a reviewer's reasons. */
const measures = (value: unknown, withText: boolean): WithheldWhereabouts =>
  withheldAt(value, (key) => MEASURE_KEYS.has(key) || (withText && FREE_TEXT_KEYS.has(key)));

/**
 * Which of the person's records and cases are a protecting panel's, as their cases' first events
 * (`referral-made`) say: the record each names (`recordId`, and `perpetratorRecordId` in its
 * metadata), with the case's panel. A record no case of theirs names (an upload's, or one a
 * referral brought in before referrals named their record) may hold what a protecting panel gave,
 * so once any of their cases is protected it counts as protected until a member has looked.
 */
export class ProtectedWhereabouts {
  private readonly recordPanels = new Map<string, string>();

  constructor(
    referrals: readonly (RecordedEvent | undefined)[],
    private readonly protectedCases: ReadonlySet<string>,
    private readonly isProtected: (panel: string) => boolean,
  ) {
    for (const referral of referrals) {
      if (referral?.type !== 'referral-made') continue;
      const { recordId, panelCode } = referral.data as { recordId?: unknown; panelCode?: unknown };
      if (typeof panelCode !== 'string') continue;
      for (const named of [recordId, referral.metadata.perpetratorRecordId]) {
        // Named by a protecting panel's case and another's: the protecting panel's word stands.
        const before = typeof named === 'string' ? this.recordPanels.get(named) : undefined;
        if (typeof named === 'string' && (before === undefined || !this.isProtected(before)))
          this.recordPanels.set(named, panelCode);
      }
    }
  }

  /** Whether anything of theirs is a protecting panel's: then every residence comparison is too. */
  get any(): boolean {
    return this.protectedCases.size > 0;
  }

  /**
   * A person or identity event as a reader off the protecting panels may see it: a protected
   * record's event (or details given through a protected case, `source`) without its whereabouts
   * and free text; any other event without the match levels and score, and, for match reviews,
   * merges and splits, without their reasons (decided reading the protected record).
   */
  personEvent(event: RecordedEvent, data: unknown): WithheldWhereabouts {
    if (!this.any) return { data, paths: [] };
    const record = recordOf(event);
    const source = (event.data as { source?: unknown } | null)?.source;
    const known = record === undefined ? undefined : this.recordPanels.get(record);
    const fromProtected =
      (typeof source === 'string' && this.protectedCases.has(source)) ||
      (record !== undefined && (known === undefined || this.isProtected(known)));
    if (fromProtected) return protectedContent(data);
    return measures(data, !event.stream.startsWith('person-'));
  }
}
