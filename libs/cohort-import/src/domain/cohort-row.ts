/**
 * One row of the core-cohort file, checked cell by cell. A row with problems is reported (every
 * problem, not just the first) and skipped; the rest of the file goes on. When the identity cells
 * of a bad row are fine, the identity is kept so the person can still be recognised: a person
 * whose scores were mistyped this month has not left the cohort.
 */
import {
  isPlaceholderRefusal,
  PLACEHOLDER_IDENTIFIER_RULE,
  validateCrn,
  validatePnc,
  type IdentifierValidation,
} from '../../../identity/src/domain/identifiers';
import {
  IOM_REFERRAL_FORM_STATUSES,
  type IomReferralFormStatus,
} from '../../../case-lifecycle/src/domain/vocabulary/iom';
import type { IomScores } from '../../../case-lifecycle/src/domain/rules/iom-eligibility';
import { hasLetter } from '../../../case-lifecycle/src/domain/input-checks';
import { PERSON_RULES } from '../../../case-lifecycle/src/domain/rule-names';
import type { CohortColumn, ColumnMap } from './cohort-columns';

export const ROW_PROBLEM_REASONS = [
  'column-count',
  'required',
  PERSON_RULES.nameHasLetter,
  'crn-format',
  'pnc-invalid',
  PLACEHOLDER_IDENTIFIER_RULE,
  'date-format',
  'date-of-birth-range',
  'postcode-format',
  'percentage',
  'yes-no',
  'status-value',
  'text-length',
  'duplicate-crn',
  'duplicate-person',
  'person-unresolved',
  'identifier-corrected-on-record',
] as const;
export type RowProblemReason = (typeof ROW_PROBLEM_REASONS)[number];

export interface RowProblem {
  /** 1-based data row (the header is row 0), as a spreadsheet user counts rows below the header. */
  readonly row: number;
  readonly field: CohortColumn | 'row' | 'person';
  readonly reason: RowProblemReason;
  readonly message: string;
}

export interface CohortIdentity {
  readonly crn: string;
  readonly pnc?: string;
  readonly forenames: string;
  readonly surname: string;
  readonly dateOfBirth: string;
  readonly postcode?: string;
}

export interface CohortRow {
  readonly row: number;
  readonly identity: CohortIdentity;
  readonly scores: IomScores;
  readonly indexOffence?: string;
  readonly sentence?: string;
  readonly status?: IomReferralFormStatus;
}

export type RowCheck =
  | { readonly ok: true; readonly row: CohortRow }
  | {
      readonly ok: false;
      readonly row: number;
      readonly problems: readonly RowProblem[];
      readonly identity?: CohortIdentity;
    };

const MAX_TEXT = 200;
const OLDEST_BIRTH_YEAR = 1900;
/** Someone in the cohort is at least 10 (the age of criminal responsibility) in the file's month. */
const YOUNGEST_AGE = 10;
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

const YES = ['y', 'yes', 'true', '1'];
const NO = ['n', 'no', 'false', '0'];

const STATUS_VARIANTS: Readonly<Record<string, IomReferralFormStatus>> = {
  custody: 'custody',
  incustody: 'custody',
  licence: 'licence',
  license: 'licence',
  onlicence: 'licence',
  onlicense: 'licence',
  communityorder: 'community-order',
  co: 'community-order',
  breachorwanted: 'breach-or-wanted',
  breachwanted: 'breach-or-wanted',
  breach: 'breach-or-wanted',
  wanted: 'breach-or-wanted',
};

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** `YYYY-MM-DD` or the UK's `DD/MM/YYYY` (also with `-` or `.`), as `YYYY-MM-DD`; undefined otherwise. */
export function parseUkDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : uk
      ? [Number(uk[3]), Number(uk[2]), Number(uk[1])]
      : [0, 0, 0];
  if (!isRealDate(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "82", "82.5", "82%" → 82 / 82.5; undefined when not a percentage 0–100. */
export function parsePercentage(text: string): number | undefined {
  const match = /^(\d{1,3}(?:\.\d+)?)\s*%?$/.exec(text);
  if (match === null) return undefined;
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? value : undefined;
}

export function parseYesNo(text: string): boolean | undefined {
  const value = text.toLowerCase();
  if (YES.includes(value)) return true;
  return NO.includes(value) ? false : undefined;
}

export function parseStatus(text: string): IomReferralFormStatus | undefined {
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  const status = STATUS_VARIANTS[key];
  return status !== undefined && IOM_REFERRAL_FORM_STATUSES.includes(status) ? status : undefined;
}

/** Reads a row against the header mapping; `month` (`YYYY-MM`) bounds the date of birth. */
export function checkRow(
  cells: readonly string[],
  columns: ColumnMap,
  width: number,
  row: number,
  month: string,
): RowCheck {
  const problems: RowProblem[] = [];
  const problem = (field: RowProblem['field'], reason: RowProblemReason, message: string): void => {
    problems.push({ row, field, reason, message });
  };
  if (cells.length !== width) {
    return {
      ok: false,
      row,
      problems: [
        { row, field: 'row', reason: 'column-count', message: `${cells.length} cells where the header has ${width}` },
      ],
    };
  }
  const cell = (column: CohortColumn): string => {
    const index = columns[column];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const required = (column: CohortColumn): string | undefined => {
    const value = cell(column);
    if (value === '') problem(column, 'required', `${column} is required`);
    return value === '' ? undefined : value;
  };
  // As on a referral: a name without a letter (any script) is taken by matching for no name.
  const name = (column: 'forenames' | 'surname'): string | undefined => {
    const value = required(column);
    if (value === undefined || hasLetter(value)) return value;
    problem(column, PERSON_RULES.nameHasLetter, `${column} must contain at least one letter`);
    return undefined;
  };
  const text = (column: CohortColumn): string | undefined => {
    const value = cell(column);
    if (value.length > MAX_TEXT) problem(column, 'text-length', `${column} is longer than ${MAX_TEXT} characters`);
    return value === '' || value.length > MAX_TEXT ? undefined : value;
  };
  const identityProblemsBefore = problems.length;

  const crnText = required('crn');
  // As on a referral: a placeholder names nobody, and its own reason tells it from a mistyped value.
  const identifier = (column: 'crn' | 'pnc', check: IdentifierValidation, mistyped: RowProblemReason): void => {
    if (!check.ok) problem(column, isPlaceholderRefusal(check) ? PLACEHOLDER_IDENTIFIER_RULE : mistyped, check.message);
  };
  const crnCheck = crnText === undefined ? undefined : validateCrn(crnText);
  if (crnCheck !== undefined) identifier('crn', crnCheck, 'crn-format');
  const pncText = cell('pnc');
  const pncCheck = pncText === '' ? undefined : validatePnc(pncText);
  if (pncCheck !== undefined) identifier('pnc', pncCheck, 'pnc-invalid');
  const forenames = name('forenames');
  const surname = name('surname');
  const dobText = required('date_of_birth');
  const dateOfBirth = dobText === undefined ? undefined : parseUkDate(dobText);
  if (dobText !== undefined && dateOfBirth === undefined) {
    problem('date_of_birth', 'date-format', `"${dobText}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
  }
  if (dateOfBirth !== undefined) {
    const [year = 0] = month.split('-').map(Number);
    const latest = `${year - YOUNGEST_AGE}${month.slice(4)}-01`;
    if (Number(dateOfBirth.slice(0, 4)) < OLDEST_BIRTH_YEAR || dateOfBirth >= latest) {
      problem(
        'date_of_birth',
        'date-of-birth-range',
        `${dateOfBirth} is not plausible: born from ${OLDEST_BIRTH_YEAR}, aged at least ${YOUNGEST_AGE} in ${month}`,
      );
    }
  }
  const postcodeText = cell('postcode').toUpperCase().replace(/\s+/g, ' ');
  if (postcodeText !== '' && !UK_POSTCODE.test(postcodeText)) {
    problem('postcode', 'postcode-format', `"${postcodeText}" is not a UK postcode`);
  }
  const identityOk = problems.length === identityProblemsBefore;

  const percentage = (column: 'ogrs_2yr' | 'ovp_2yr'): number | undefined => {
    const value = required(column);
    if (value === undefined) return undefined;
    const parsed = parsePercentage(value);
    if (parsed === undefined) problem(column, 'percentage', `"${value}" is not a percentage from 0 to 100`);
    return parsed;
  };
  const ogrs2y = percentage('ogrs_2yr');
  const ovp2y = percentage('ovp_2yr');
  const flagText = required('robbery_burglary_2yr');
  const robbery = flagText === undefined ? undefined : parseYesNo(flagText);
  if (flagText !== undefined && robbery === undefined) {
    problem('robbery_burglary_2yr', 'yes-no', `"${flagText}" is not Y/N (yes/no, true/false, 1/0)`);
  }
  const statusText = cell('status');
  const status = statusText === '' ? undefined : parseStatus(statusText);
  if (statusText !== '' && status === undefined) {
    problem('status', 'status-value', `"${statusText}" is not custody, licence, community order or breach/wanted`);
  }
  const indexOffence = text('index_offence');
  const sentence = text('sentence');

  const identity: CohortIdentity | undefined =
    identityOk && crnCheck?.ok === true && forenames !== undefined && surname !== undefined && dateOfBirth !== undefined
      ? {
          crn: crnCheck.normalised,
          ...(pncCheck?.ok === true ? { pnc: pncCheck.normalised } : {}),
          forenames,
          surname,
          dateOfBirth,
          ...(postcodeText === '' ? {} : { postcode: postcodeText }),
        }
      : undefined;
  if (
    problems.length > 0 ||
    identity === undefined ||
    ogrs2y === undefined ||
    ovp2y === undefined ||
    robbery === undefined
  ) {
    return { ok: false, row, problems, ...(identity === undefined ? {} : { identity }) };
  }
  return {
    ok: true,
    row: {
      row,
      identity,
      scores: { ogrs2y, ovp2y, robberyOrBurglaryInLast2Years: robbery },
      ...(indexOffence === undefined ? {} : { indexOffence }),
      ...(sentence === undefined ? {} : { sentence }),
      ...(status === undefined ? {} : { status }),
    },
  };
}
