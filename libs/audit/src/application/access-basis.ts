import type { ReadAuditEntry } from '../../../platform/src/audit/read-audit';

/**
 * On what footing a case or person was shown: as a member of the panel that holds it, or
 * through disclosures to the reader's agency. An auditor checks a view against its basis; a
 * purpose alone does not say whether the reader was entitled to see the record at all.
 */
export type AccessBasis =
  | { readonly via: 'panel'; readonly panel: string }
  /** A person is seen through every panel of the reader's that holds a case of theirs. */
  | {
      readonly via: 'panel';
      readonly panels: readonly string[];
      /** Disclosures that showed what the panels alone would not (another panel's protected address). */
      readonly disclosureIds?: readonly string[];
    }
  | { readonly via: 'disclosure'; readonly disclosureIds: readonly string[] };

/**
 * A read entry as the audit context records it: the platform's entry, the basis of a view and the
 * person each case was shown as being about (`caseSubjects`, caseId → personId).
 */
export type AuditedReadEntry = ReadAuditEntry & {
  readonly access?: AccessBasis;
  readonly caseSubjects?: Readonly<Record<string, string>>;
};

const VIEWS = new Set(['case-viewed', 'person-viewed']);

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * The basis a view's response states or shows: its `access` (a disclosed view says so), else
 * the panel it was served from (a case's or meeting's `panel`/`panelCode`, the panels of a
 * person's cases or of the cases naming them, a case history's referral). Undefined for other reads, or when nothing says.
 */
export function accessBasis(action: string, body: unknown): AccessBasis | undefined {
  const shown = record(body);
  if (!VIEWS.has(action) || shown === undefined) return undefined;
  const access = record(shown['access']);
  if (access?.['via'] === 'disclosure') return { via: 'disclosure', disclosureIds: strings(access['disclosureIds']) };
  if (access?.['via'] === 'panel') {
    return { via: 'panel', panels: strings(access['panels']), disclosureIds: strings(access['disclosureIds']) };
  }
  const panel = shown['panel'] ?? shown['panelCode'] ?? referralPanel(shown['items']);
  if (typeof panel === 'string') return { via: 'panel', panel };
  // A person seen only because a case of the reader's panels names him (a MARAC perpetrator) has no cases of his
  // own in the view: the naming cases are the basis.
  const seenThrough = [...asList(shown['cases']), ...asList(shown['namedOn'])];
  const panels = [...new Set(strings(seenThrough.map((c) => record(c)?.['panel'])))].sort();
  return panels.length === 0 ? undefined : { via: 'panel', panels };
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A case history opens with its referral, which names the panel the reader had to be on. */
function referralPanel(items: unknown): unknown {
  const first = record(asList(items)[0]);
  return first?.['type'] === 'referral-made' ? record(first['data'])?.['panelCode'] : undefined;
}
