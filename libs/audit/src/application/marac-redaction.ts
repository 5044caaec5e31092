import type { Principal } from '../../../platform/src/auth/principal';

/**
 * Neutral on purpose: a marker naming MARAC would tell a perpetrator reading their own report that
 * someone was referred to a MARAC, which is what redaction exists to keep from them.
 */
export const REDACTED = '[redacted]';

/** Keys that are MARAC content wherever they appear: meetings, DASH, MARAC history. */
const MARAC_KEY = /meeting|marac|^dash/i;
/** Keys that are MARAC content inside a MARAC case (an IOM case has thresholds of its own). */
const MARAC_CASE_KEY = /threshold|criteria|^repeat$|attendance|agencyRequests|^panel$/i;
const MARAC_WORD = /\bMARAC\b/gi;

/** Fields of free text: redaction cannot know what they say, so a person must read them. */
export const FREE_TEXT_KEYS: ReadonlySet<string> = new Set([
  'purpose',
  'summary',
  'decisions',
  'reason',
  'description',
  'justification',
  'note',
  'notes',
  'comment',
  'comments',
  'text',
]);

export interface ManualReviewNote {
  /** Where in the report, as a JSON path (`$.cases[0].events[2].data.summary`). */
  readonly path: string;
  readonly reason: string;
}

/**
 * Whether a subject access report leaves MARAC references out. It does unless the reader sits on
 * the MARAC panel and asks for them (`redactMarac=false`): auditors trace who did what, they do not
 * read case content, and a MARAC's content stays with its members.
 */
export function redactsMarac(requested: unknown, reader: Pick<Principal, 'panels'>): boolean {
  return !(requested === 'false' && reader.panels.some((panel) => panel.toUpperCase() === 'MARAC'));
}

/**
 * Removes MARAC references from a subject access report: the ids of MARAC cases (anywhere, also
 * inside stream names), the word MARAC in any text, every meeting, DASH and MARAC field whole, and
 * inside a MARAC case (an object whose `caseId` is one) its thresholds, criteria, repeat flag,
 * attendance and panel too. Free text is not judged here: see `freeTextToReview`.
 */
export function redactMarac(value: unknown, maracCaseIds: ReadonlySet<string>): unknown {
  const redactText = (text: string): string => {
    let result = text.replace(MARAC_WORD, REDACTED);
    for (const caseId of maracCaseIds) if (result.includes(caseId)) result = result.replaceAll(caseId, REDACTED);
    return result;
  };
  const visit = (inner: unknown, inMaracCase: boolean): unknown => {
    if (typeof inner === 'string') return redactText(inner);
    if (Array.isArray(inner)) return inner.map((item) => visit(item, inMaracCase));
    if (typeof inner !== 'object' || inner === null) return inner;
    const fields = inner as Record<string, unknown>;
    const caseId = fields['caseId'];
    const marac = inMaracCase || (typeof caseId === 'string' && maracCaseIds.has(caseId));
    return Object.fromEntries(
      Object.entries(fields).map(([key, field]) => [
        key,
        MARAC_KEY.test(key) || (marac && MARAC_CASE_KEY.test(key)) ? REDACTED : visit(field, marac),
      ]),
    );
  };
  return visit(value, false);
}

/** Every free-text field of `value` that holds text, to be read by a person before release. */
export function freeTextToReview(value: unknown, reason: string): ManualReviewNote[] {
  const notes: ManualReviewNote[] = [];
  const visit = (inner: unknown, path: string): void => {
    if (Array.isArray(inner)) inner.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (typeof inner === 'object' && inner !== null) {
      for (const [key, field] of Object.entries(inner as Record<string, unknown>)) {
        const at = `${path}.${key}`;
        if (FREE_TEXT_KEYS.has(key) && holdsText(field)) notes.push({ path: at, reason });
        else visit(field, at);
      }
    }
  };
  visit(value, '$');
  return notes;
}

const holdsText = (field: unknown): boolean =>
  (typeof field === 'string' && field.trim() !== '') ||
  (Array.isArray(field) && field.some((item) => typeof item === 'string' && item.trim() !== ''));
