import { absentFromFile, decideRow, heldReason, heldSaysMonth, type OpenIomCase } from './cohort-comparison';
import { cohortSnapshot, type CohortImportEvent } from './import-events';
import { monthAfter, monthBefore, requireMonth } from './cohort-month';

const MONTH = '2024-04';

const open = (overrides: Partial<OpenIomCase> = {}): OpenIomCase => ({
  caseId: 'c-1',
  eligible: true,
  scoresDiffer: false,
  openedByThisImport: false,
  uploadMonth: MONTH,
  ...overrides,
});

describe('month-to-month comparison', () => {
  it('an eligible person without an open case, not eligible last month, is new and gets a referral', () => {
    expect(decideRow({ month: MONTH, eligibleNow: true, previouslyEligible: false, openCase: null })).toEqual({
      outcome: 'new',
      openReferral: true,
      evaluate: false,
      flag: null,
    });
  });

  it('eligible last month and still eligible without a case (the panel rejected or closed it) is not re-referred', () => {
    expect(decideRow({ month: MONTH, eligibleNow: true, previouslyEligible: true, openCase: null })).toMatchObject({
      outcome: 'unchanged',
      openReferral: false,
    });
  });

  it('a corrected file for the month does not re-refer someone whose referral from that month the panel decided on', () => {
    const situation = { month: MONTH, eligibleNow: true, previouslyEligible: false, openCase: null };
    expect(decideRow({ ...situation, decidedThisMonth: true })).toMatchObject({
      outcome: 'unchanged',
      openReferral: false,
    });
  });

  it('a late earlier-month row neither evaluates nor flags a case a later month spoke to, or once a later upload completed', () => {
    // Left alone, naming the later month that has the word.
    const nothingWritten = {
      outcome: 'unchanged',
      openReferral: false,
      evaluate: false,
      flag: null,
      supersededBy: MONTH,
    };
    const march = { month: '2024-03', previouslyEligible: true };
    const heardInApril = open({ uploadMonth: MONTH, scoresDiffer: true });
    expect(decideRow({ ...march, eligibleNow: false, openCase: heardInApril })).toEqual(nothingWritten);
    expect(
      decideRow({
        ...march,
        eligibleNow: true,
        openCase: { ...heardInApril, expiryFlag: { month: MONTH, reason: 'no-longer-eligible' } },
      }),
    ).toEqual(nothingWritten);
    const onlyMarchSpoke = open({ uploadMonth: '2024-03', scoresDiffer: true });
    expect(decideRow({ ...march, eligibleNow: false, openCase: onlyMarchSpoke, laterUploadMonth: MONTH })).toEqual(
      nothingWritten,
    );
    // The same month again (a corrected file before any later one) still speaks to the case.
    expect(decideRow({ ...march, eligibleNow: false, openCase: onlyMarchSpoke })).toMatchObject({
      outcome: 'expired',
      evaluate: true,
      flag: 'no-longer-eligible',
    });
  });

  it('a late earlier-month row opens no referral once a later upload completed: that upload had the whole cohort', () => {
    const lateMarch = { month: '2024-03', eligibleNow: true, previouslyEligible: false, openCase: null };
    expect(decideRow({ ...lateMarch, laterUploadMonth: MONTH })).toEqual({
      outcome: 'new',
      openReferral: false,
      evaluate: false,
      flag: null,
      supersededBy: MONTH,
    });
    // Before any later upload, the corrected file still refers them.
    expect(decideRow(lateMarch)).toMatchObject({ outcome: 'new', openReferral: true });
  });

  it('an open case is re-evaluated only when the scores changed or a flag stands', () => {
    expect(decideRow({ month: MONTH, eligibleNow: true, previouslyEligible: true, openCase: open() })).toEqual({
      outcome: 'unchanged',
      openReferral: false,
      evaluate: false,
      flag: null,
    });
    expect(
      decideRow({ month: MONTH, eligibleNow: true, previouslyEligible: true, openCase: open({ scoresDiffer: true }) })
        .evaluate,
    ).toBe(true);
    expect(
      decideRow({
        month: MONTH,
        eligibleNow: true,
        previouslyEligible: false,
        openCase: open({ expiryFlag: { month: '2024-03', reason: 'absent-from-upload' } }),
      }).evaluate,
    ).toBe(true);
  });

  it('an upload says its month on every open case it lists that no upload of that month or later spoke to yet', () => {
    const listed = (eligibleNow: boolean, openCase: OpenIomCase) =>
      decideRow({ month: MONTH, eligibleNow, previouslyEligible: eligibleNow, openCase });
    const heardInMarch = open({ uploadMonth: '2024-03' });
    expect(listed(true, heardInMarch)).toEqual({
      outcome: 'unchanged',
      openReferral: false,
      evaluate: true,
      flag: null,
    });
    expect(listed(true, open({ uploadMonth: undefined })).evaluate).toBe(true);
    const notEligibleOnTheCase = open({ uploadMonth: '2024-03', eligible: false });
    expect(listed(false, notEligibleOnTheCase)).toEqual({
      outcome: 'unchanged',
      openReferral: false,
      evaluate: true,
      flag: null,
    });
    // Expired, the case already judged not eligible as now: the flag says the month.
    const judgedAsNow = open({ uploadMonth: '2024-03', eligible: false });
    expect(
      decideRow({ month: MONTH, eligibleNow: false, previouslyEligible: true, openCase: judgedAsNow }),
    ).toMatchObject({ evaluate: false, flag: 'no-longer-eligible' });
    // Already heard from this month (a retried run, the same upload again): nothing new to write.
    expect(listed(true, open()).evaluate).toBe(false);
    expect(listed(false, open({ eligible: false })).evaluate).toBe(false);
  });

  it('a held row says its month on an open case no upload of that month or later spoke to, evaluated or not', () => {
    const recordedScores = { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: false };
    const heardInMarch = open({ uploadMonth: '2024-03', recordedScores });
    expect(heldSaysMonth(heardInMarch, MONTH)).toBe(true);
    expect(heldSaysMonth(open({ uploadMonth: undefined, recordedScores }), MONTH)).toBe(true);
    expect(heldSaysMonth(open({ uploadMonth: '2024-03' }), MONTH)).toBe(true);
    // Already heard from this month, or later; a later upload completed.
    expect(heldSaysMonth(open({ recordedScores }), MONTH)).toBe(false);
    expect(heldSaysMonth(heardInMarch, '2024-02')).toBe(false);
    expect(heldSaysMonth(open({ uploadMonth: '2024-01', recordedScores }), '2024-02', MONTH)).toBe(false);
  });

  it('a held row is held for its scores when any score cell is unreadable, for the row otherwise', () => {
    expect(heldReason([{ field: 'postcode' }, { field: 'ovp_2yr' }])).toBe('scores-unreadable');
    expect(heldReason([{ field: 'status' }])).toBe('row-unreadable');
  });

  it('an expired case the current policy judges otherwise, scores unchanged, is re-evaluated under it, once', () => {
    const underNewPolicy = (openCase: OpenIomCase, previouslyEligible = true) =>
      decideRow({ month: MONTH, eligibleNow: false, previouslyEligible, openCase });
    const eligibleOnTheOldPolicy = open({ uploadMonth: '2024-03', eligible: true });
    expect(underNewPolicy(eligibleOnTheOldPolicy)).toEqual({
      outcome: 'expired',
      openReferral: false,
      evaluate: true,
      flag: 'no-longer-eligible',
    });
    // Eligible only on the case (no earlier upload had them), or already heard from this month.
    expect(underNewPolicy(eligibleOnTheOldPolicy, false)).toMatchObject({ outcome: 'expired', evaluate: true });
    expect(underNewPolicy(open({ eligible: true })).evaluate).toBe(true);
    const flaggedThisMonth = { month: MONTH, reason: 'no-longer-eligible' } as const;
    // A retried run that finds the flag written but not yet the evaluation still writes it.
    expect(underNewPolicy(open({ eligible: true, expiryFlag: flaggedThisMonth }), false)).toMatchObject({
      outcome: 'expired',
      evaluate: true,
    });
    // A retried run that finds both writes nothing more, and still reports the person expired.
    expect(underNewPolicy(open({ eligible: false, expiryFlag: flaggedThisMonth }), false)).toEqual({
      outcome: 'expired',
      openReferral: false,
      evaluate: false,
      flag: 'no-longer-eligible',
    });
  });

  it('an eligible person whose open case records them not eligible, scores unchanged, is re-evaluated', () => {
    const judgedNotEligible = open({ eligible: false });
    expect(
      decideRow({ month: MONTH, eligibleNow: true, previouslyEligible: false, openCase: judgedNotEligible }).evaluate,
    ).toBe(true);
  });

  it('a late earlier-month run resumed after a later upload completed still counts the cases it opened as new', () => {
    const openedInMarch = open({ openedByThisImport: true, uploadMonth: MONTH });
    expect(
      decideRow({
        month: '2024-03',
        eligibleNow: true,
        previouslyEligible: false,
        openCase: openedInMarch,
        laterUploadMonth: MONTH,
      }),
    ).toEqual({ outcome: 'new', openReferral: false, evaluate: false, flag: null });
  });

  it('a retried run that finds the case it opened still calls the person new, and writes nothing more', () => {
    expect(
      decideRow({
        month: MONTH,
        eligibleNow: true,
        previouslyEligible: false,
        openCase: open({ openedByThisImport: true }),
      }),
    ).toEqual({
      outcome: 'new',
      openReferral: false,
      evaluate: false,
      flag: null,
    });
  });

  it('no longer eligible with an open case: expired, re-evaluated and flagged', () => {
    expect(
      decideRow({ month: MONTH, eligibleNow: false, previouslyEligible: true, openCase: open({ scoresDiffer: true }) }),
    ).toEqual({
      outcome: 'expired',
      openReferral: false,
      evaluate: true,
      flag: 'no-longer-eligible',
    });
    // On a retry the case already holds the new scores and this month's flag: same outcome.
    expect(
      decideRow({
        month: MONTH,
        eligibleNow: false,
        previouslyEligible: false,
        openCase: open({ eligible: false, expiryFlag: { month: MONTH, reason: 'no-longer-eligible' } }),
      }),
    ).toMatchObject({ outcome: 'expired', evaluate: false, flag: 'no-longer-eligible' });
  });

  it('not eligible then or now is unchanged; eligible last month without a case is expired with nothing to flag', () => {
    expect(decideRow({ month: MONTH, eligibleNow: false, previouslyEligible: false, openCase: null }).outcome).toBe(
      'unchanged',
    );
    expect(
      decideRow({ month: MONTH, eligibleNow: false, previouslyEligible: false, openCase: open({ eligible: false }) }),
    ).toMatchObject({
      outcome: 'unchanged',
      flag: null,
    });
    expect(decideRow({ month: MONTH, eligibleNow: false, previouslyEligible: true, openCase: null })).toMatchObject({
      outcome: 'expired',
      flag: null,
    });
  });

  it('absentees are last month eligible people missing from the file', () => {
    const previous = new Map([
      ['p1', true],
      ['p2', false],
      ['p3', true],
    ]);
    expect(absentFromFile(previous, new Set(['p1']))).toEqual(['p3']);
  });

  it("last month's snapshot comes from its latest completed upload only", () => {
    const batch = (fileDigest: string, personId: string, eligible: boolean): CohortImportEvent => ({
      type: 'iom-cohort-batch-imported',
      data: { month: '2024-03', fileDigest, batch: 0, people: [{ personId, eligible, outcome: 'unchanged' }] },
    });
    const done = (fileDigest: string): CohortImportEvent => ({
      type: 'iom-cohort-file-imported',
      data: {
        month: '2024-03',
        fileDigest,
        policy: { id: 'london-2021', version: 1 },
        comparedWith: null,
        rows: 1,
        imported: 1,
        bad: 0,
        new: 0,
        expired: 0,
        unchanged: 1,
        held: 0,
      },
    });
    expect(cohortSnapshot([batch('a', 'p1', true)])).toBeUndefined();
    expect(
      cohortSnapshot([batch('a', 'p1', true), done('a'), batch('b', 'p2', true), done('b'), batch('c', 'p3', true)]),
    ).toEqual(new Map([['p2', true]]));
  });

  it('months are YYYY-MM, and January follows December', () => {
    expect(requireMonth(' 2024-04 ')).toBe('2024-04');
    expect(() => requireMonth('2024-4')).toThrow(expect.objectContaining({ rule: 'year-month' }) as Error);
    expect(() => requireMonth(undefined)).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'month' })] }) as Error,
    );
    expect(monthBefore('2024-01')).toBe('2023-12');
    expect(monthBefore('2024-10')).toBe('2024-09');
    expect(monthAfter('2023-12')).toBe('2024-01');
    expect(monthAfter('2024-09')).toBe('2024-10');
  });
});
