/**
 * The columns of the monthly IOM core-cohort file. Probation exports differ in how they spell
 * headers ("OGRS 2-year", "ogrs_2yr", "OGRS (2yr) %"), so a header is matched on its letters and
 * digits only, case-insensitively, against each column's accepted variants. Unknown columns are
 * ignored (and reported), never guessed at.
 */
export const COHORT_COLUMNS = [
  'crn',
  'pnc',
  'forenames',
  'surname',
  'date_of_birth',
  'postcode',
  'ogrs_2yr',
  'ovp_2yr',
  'robbery_burglary_2yr',
  'index_offence',
  'sentence',
  'status',
] as const;
export type CohortColumn = (typeof COHORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly CohortColumn[] = [
  'crn',
  'forenames',
  'surname',
  'date_of_birth',
  'ogrs_2yr',
  'ovp_2yr',
  'robbery_burglary_2yr',
];

/** Accepted header spellings, already reduced to lowercase letters and digits. */
export const COLUMN_VARIANTS: Readonly<Record<CohortColumn, readonly string[]>> = {
  crn: ['crn', 'crnnumber', 'probationcrn', 'casereferencenumber', 'caserefnumber'],
  pnc: ['pnc', 'pncid', 'pncnumber', 'pncno'],
  forenames: ['forenames', 'forename', 'firstname', 'firstnames', 'givenname', 'givennames'],
  surname: ['surname', 'lastname', 'familyname'],
  date_of_birth: ['dateofbirth', 'dob', 'birthdate'],
  postcode: ['postcode', 'postalcode', 'homepostcode'],
  ogrs_2yr: ['ogrs2yr', 'ogrs2year', 'ogrs2years', 'ogrs2y', 'ogrs2', 'ogrs', 'ogrsscore', 'ogrs2yearscore'],
  ovp_2yr: ['ovp2yr', 'ovp2year', 'ovp2years', 'ovp2y', 'ovp2', 'ovp', 'ovpscore', 'ovp2yearscore'],
  robbery_burglary_2yr: [
    'robberyburglary2yr',
    'robberyburglary2years',
    'robberyburglaryinlast2years',
    'robberyorburglaryinlast2years',
    'robberyburglarylast2years',
    'robberyorburglarylast2years',
    'robberyorburglary',
    'robberyburglary',
  ],
  index_offence: ['indexoffence', 'offence', 'indexoffense'],
  sentence: ['sentence', 'sentencetype'],
  status: ['status', 'currentstatus'],
};

export const headerKey = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface HeaderProblem {
  readonly field: string;
  readonly rule: 'required-column' | 'column-once';
  readonly message: string;
}

export type ColumnMap = Readonly<Partial<Record<CohortColumn, number>>>;

export type HeaderMapping =
  | { readonly ok: true; readonly columns: ColumnMap; readonly ignored: readonly string[] }
  | { readonly ok: false; readonly problems: readonly HeaderProblem[] };

const columnOfKey = new Map<string, CohortColumn>(
  COHORT_COLUMNS.flatMap((column) => COLUMN_VARIANTS[column].map((variant) => [variant, column] as const)),
);

/** Which cell holds which column; every missing required column and every repeated one is a problem. */
export function mapHeader(header: readonly string[]): HeaderMapping {
  const columns: Partial<Record<CohortColumn, number>> = {};
  const ignored: string[] = [];
  const problems: HeaderProblem[] = [];
  header.forEach((cell, index) => {
    const column = columnOfKey.get(headerKey(cell));
    if (column === undefined) {
      if (cell.trim() !== '') ignored.push(cell.trim());
      return;
    }
    if (columns[column] !== undefined) {
      problems.push({
        field: column,
        rule: 'column-once',
        message: `column ${column} appears twice (headers ${columns[column] + 1} and ${index + 1})`,
      });
      return;
    }
    columns[column] = index;
  });
  for (const column of REQUIRED_COLUMNS) {
    if (columns[column] === undefined) {
      problems.push({
        field: column,
        rule: 'required-column',
        message: `the file needs a ${column} column (accepted headers: ${COLUMN_VARIANTS[column].slice(0, 4).join(', ')} …, any case)`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns, ignored };
}
