/**
 * Neutral on purpose: a marker naming MARAC would tell a perpetrator reading their own report that
 * someone was referred to a MARAC, which is what redaction exists to keep from them.
 */
export const REDACTED = '[redacted]';

/** Keys that are MARAC content wherever they appear: meetings, DASH, MARAC history. */
const MARAC_KEY = /meeting|marac|^dash/i;
/**
 * What only a MARAC referral holds: the consent to share, the incident, the crime reference, the
 * police call-outs, the relationship to the victim, the criteria, the repeat flag and where the
 * repeat is known from. Under any of these names, even with its value redacted, a case reads as a
 * domestic abuse referral.
 */
const MARAC_REFERRAL_KEYS: ReadonlySet<string> = new Set([
  'consent',
  'incident',
  'crimeReference',
  'policeCallouts12m',
  'relationshipToVictim',
  'criteriaTicked',
  'criteriaMet',
  'repeat',
  'repeatFrom',
  'thresholdsApplied',
]);
/**
 * The codes a panel's own status list gives (MARAC's `idva-support`: an IDVA supports victims of
 * domestic abuse); the keys are every panel's, so they stay.
 */
const PANEL_STATUS_KEY = /^(status|previousStatus|exitStatus)$/;
/**
 * Where in a MARAC event the part naming someone sits (`$.details.perpetrator`): it says what the
 * part is, and so what the case is, to the person it names.
 */
const NAMED_PART_PATH = 'path';
/** Keys that are MARAC content inside a MARAC case (an IOM case has thresholds of its own). */
const MARAC_CASE_KEY = /threshold|criteria|^repeat$|attendance|agencyRequests|^panel$/i;
/**
 * Where a referral's facts sit: its `details`, and the `fields` of the part of it naming someone.
 * A disclosure of the case has a `consent` of its own, which every panel's disclosures have.
 */
const REFERRAL_PARTS: ReadonlySet<string> = new Set(['details', 'fields']);
const inMaracCaseRedacted = (key: string, parentKey: string | undefined): boolean =>
  MARAC_CASE_KEY.test(key) ||
  PANEL_STATUS_KEY.test(key) ||
  key === NAMED_PART_PATH ||
  (parentKey !== undefined && REFERRAL_PARTS.has(parentKey) && MARAC_REFERRAL_KEYS.has(key));
/**
 * A subject access report's own read parameter, recorded among the `parameters` of its read: a
 * later report lists it, and it names the API's option, not MARAC content (its value is still text).
 */
const REPORT_PARAMETER = 'redactMarac';
const isReportParameter = (parentKey: string | undefined, key: string): boolean =>
  parentKey === 'parameters' && key === REPORT_PARAMETER;
/** The panel's name in text and in codes (`marac`, `transferred-to-another-marac`), plural too. */
const MARAC_WORD = /\bMARACs?\b/gi;
/** The MARAC panel's code: its members alone may ask for a report with its content left in. */
export const MARAC_PANEL_CODE = 'MARAC';

/**
 * The codes of the other panels whose cases are redacted (those that protect residence, such as a
 * configured MASE) as words, like MARAC's: the code in a text would tell the reader of the report
 * that someone was referred there. Codes are letters, digits and hyphens, so none needs escaping.
 */
const panelWords = (codes: Iterable<string>): RegExp | undefined => {
  const others = [...codes].filter((code) => code.toUpperCase() !== MARAC_PANEL_CODE);
  return others.length === 0 ? undefined : new RegExp(`\\b(?:${others.join('|')})s?\\b`, 'gi');
};
/**
 * Who recorded or read something (`recordedBy`, a read's `actor`): the id and name identify a member
 * of staff, and rewriting the word inside them (`marac-1` as `[redacted]-1`) would name someone who
 * does not exist. They stay as recorded; `staffNamingMarac` lists those that say MARAC for review.
 */
const STAFF_KEYS = new Set(['recordedBy', 'actor']);
const STAFF_IDENTITY = new Set(['id', 'name']);

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
  // A risk rating's reasons, an exit's detail, what an agency must bring, another area's MARAC
  // involvement: typed by people about the case, so they may name anyone (the perpetrator included).
  'rationale',
  'exitDetail',
  'toBring',
  'otherAreaMaracInvolvement',
]);

export interface ManualReviewNote {
  /** Where in the report, as a JSON path (`$.cases[0].events[2].data.summary`). */
  readonly path: string;
  readonly reason: string;
  /** Where in the log what was withheld is (the event's or read's position), for whoever releases it. */
  readonly position?: string;
  /** The field withheld in that event (`data.details.address`), or in the read itself. */
  readonly field?: string;
}

/** Whether MARAC is among `redactedPanels`; none given stands for MARAC alone. */
export function redactsMaracItself(redactedPanels: Iterable<string>): boolean {
  const codes = [...redactedPanels].map((code) => code.toUpperCase());
  return codes.length === 0 || codes.includes(MARAC_PANEL_CODE);
}

/**
 * Removes MARAC references from a subject access report: the ids of MARAC cases (anywhere, also
 * inside stream names), the word MARAC in any text or code, every meeting, DASH and MARAC field
 * whole, and inside a MARAC case (an object whose `caseId` is one) its thresholds, criteria, repeat
 * flag, attendance, panel, status codes, the paths of the parts naming someone, and what only a
 * MARAC referral holds (`MARAC_REFERRAL_KEYS`) too. Staff ids and names are not text (`STAFF_KEYS`). Free text is not
 * judged here: see `freeTextToReview`. `maracCaseIds` holds the cases of every panel redacted like
 * MARAC's (`redactedPanels`, whose codes go as words too).
 */
export function redactMarac(
  value: unknown,
  maracCaseIds: ReadonlySet<string>,
  redactedPanels: Iterable<string> = [],
): unknown {
  const otherWords = panelWords(redactedPanels);
  // MARAC's own rules go when MARAC is redacted: not for a MARAC member who asked while MASE stays redacted.
  const maracToo = redactsMaracItself(redactedPanels);
  const redactText = (text: string): string => {
    let result = maracToo ? text.replace(MARAC_WORD, REDACTED) : text;
    if (otherWords !== undefined) result = result.replace(otherWords, REDACTED);
    for (const caseId of maracCaseIds) if (result.includes(caseId)) result = result.replaceAll(caseId, REDACTED);
    return result;
  };
  const visit = (inner: unknown, inMaracCase: boolean, parentKey?: string): unknown => {
    if (typeof inner === 'string') return redactText(inner);
    if (Array.isArray(inner)) return inner.map((item) => visit(item, inMaracCase));
    if (typeof inner !== 'object' || inner === null) return inner;
    const fields = inner as Record<string, unknown>;
    const caseId = fields['caseId'];
    const marac = inMaracCase || (typeof caseId === 'string' && maracCaseIds.has(caseId));
    return Object.fromEntries(
      Object.entries(fields).map(([key, field]) => {
        if (isReportParameter(parentKey, key)) return [key, visit(field, marac)];
        if ((maracToo || marac) && MARAC_KEY.test(key)) return [key, REDACTED];
        if (marac && inMaracCaseRedacted(key, parentKey)) return [key, REDACTED];
        if (STAFF_KEYS.has(key) && isObject(field)) return [key, staffRedacted(field, marac)];
        return [key, visit(field, marac, key)];
      }),
    );
  };
  const staffRedacted = (staff: Record<string, unknown>, marac: boolean): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(staff).map(([key, field]) => [key, STAFF_IDENTITY.has(key) ? field : visit(field, marac)]),
    );
  return visit(value, false);
}

/**
 * Keys that say MARAC by their name alone (`previousMaracReferralAt`, `dashScore`, and the safe
 * contact number only a MARAC referral holds): their values are redacted or withheld already.
 */
const MARAC_NAMED_KEY = /marac|^dash|^safeContactNumber$/i;
export const MARAC_KEY_DROPPED =
  'a field whose name says MARAC, or that only a MARAC referral holds, left out of the report: a MARAC member reads it at this path in the unredacted report';

/**
 * A key only a MARAC referral holds, once `redactMarac` redacted it (so in a MARAC referral): its
 * name says domestic abuse as plainly as a MARAC-named key does. Elsewhere (a disclosure's consent)
 * it is not MARAC's and stays.
 */
const redactedReferralKey = (key: string, field: unknown): boolean =>
  MARAC_REFERRAL_KEYS.has(key) && field === REDACTED;

/**
 * `value` without the keys that say MARAC by name, or that only a redacted MARAC referral holds
 * (`consent`, `incident` ...), and where each was (JSON paths). Dropped rather
 * than renamed: a `[redacted]` key would still show where the MARAC fields sit in an event, several
 * in one object would collide, and their values were redacted already, so nothing is lost for the
 * subject until a MARAC member decides.
 */
export function withoutMaracKeys(value: unknown): { value: unknown; paths: string[] } {
  const paths: string[] = [];
  const visit = (inner: unknown, path: string, parentKey?: string): unknown => {
    if (Array.isArray(inner)) return inner.map((item, i) => visit(item, `${path}[${i}]`));
    if (!isObject(inner)) return inner;
    const kept: [string, unknown][] = [];
    for (const [key, field] of Object.entries(inner))
      if ((MARAC_NAMED_KEY.test(key) && !isReportParameter(parentKey, key)) || redactedReferralKey(key, field))
        paths.push(`${path}.${key}`);
      else kept.push([key, visit(field, `${path}.${key}`, key)]);
    return Object.fromEntries(kept);
  };
  return { value: visit(value, '$'), paths };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Staff ids and names in `value` that say MARAC (or a code of `redactedPanels`): kept as recorded,
 * so a person decides on their release.
 */
export function staffNamingMarac(
  value: unknown,
  reason: string,
  redactedPanels: Iterable<string> = [],
): ManualReviewNote[] {
  const notes: ManualReviewNote[] = [];
  const otherWords = panelWords(redactedPanels);
  const says = (pattern: RegExp | undefined, field: string) =>
    pattern !== undefined && new RegExp(pattern.source, 'i').test(field);
  const saysMarac = (field: unknown) =>
    typeof field === 'string' && (says(MARAC_WORD, field) || says(otherWords, field));
  const visit = (inner: unknown, path: string): void => {
    if (Array.isArray(inner)) inner.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (isObject(inner))
      for (const [key, field] of Object.entries(inner)) {
        const at = `${path}.${key}`;
        if (STAFF_KEYS.has(key) && isObject(field)) {
          for (const part of STAFF_IDENTITY) if (saysMarac(field[part])) notes.push({ path: `${at}.${part}`, reason });
        } else visit(field, at);
      }
  };
  visit(value, '$');
  return notes;
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
