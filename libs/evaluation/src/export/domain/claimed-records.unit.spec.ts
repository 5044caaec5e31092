import { ClaimedRecords } from './claimed-records';

/**
 * A MARAC attempt that failed once it had registered her (`her`), never retried, sent under the
 * X-Correlation-Id the same front-end later sends the monthly upload under. The upload claims the
 * records its rows name; batches and referrals recorded before they named records are read as before.
 * Synthetic ids and requests only.
 */
const JOURNEY = 'journey-7';
const failedAttempt = { correlationId: JOURNEY, recordedAt: '2024-06-03T10:00:00.000Z' };
const upload = { correlationId: JOURNEY, recordedAt: '2024-06-03T10:20:00.007Z' };
const uploadReferral = (named: object) => ({
  caseId: 'case-upload',
  panelCode: 'IOM',
  personId: 'her',
  details: { kind: 'iom', route: 'probation-core-cohort-upload' },
  ...named,
});

describe('which registrations the research export counts as claimed', () => {
  it('an upload referral naming its row’s record claims that one, not a registration under the same id', () => {
    const claims = new ClaimedRecords();
    claims.referral(uploadReferral({ recordId: 'record-upload' }), upload);
    expect(claims.claimsRegistration('her', failedAttempt)).toBe(false);
    expect(claims.claimsRegistration('record-upload', upload)).toBe(true);
  });

  it('an upload referral whose row brought in no record claims none', () => {
    const claims = new ClaimedRecords();
    claims.referral(uploadReferral({ recordId: null }), upload);
    expect(claims.claimsRegistration('her', failedAttempt)).toBe(false);
  });

  it('a batch row claims the record it names, not a registration under the upload’s id', () => {
    const claims = new ClaimedRecords();
    claims.cohortBatch({ people: [{ personId: 'her', outcome: 'unchanged', recordId: 'record-upload' }] }, JOURNEY);
    expect(claims.claimsRegistration('her', failedAttempt)).toBe(false);
    expect(claims.claimsRegistration('record-upload', upload)).toBe(true);
  });

  it('a duplicate-person row claims the record it names', () => {
    const claims = new ClaimedRecords();
    const duplicate = { row: 2, field: 'person', reason: 'duplicate-person', recordId: 'record-duplicate' };
    claims.cohortBatch(
      { people: [{ personId: 'her', outcome: 'unchanged', recordId: 'record-upload' }], problems: [duplicate] },
      JOURNEY,
    );
    expect(claims.claimsRegistration('record-duplicate', upload)).toBe(true);
    expect(claims.claimsRegistration('her', failedAttempt)).toBe(false);
  });

  it('a batch row naming no record claims none', () => {
    const claims = new ClaimedRecords();
    claims.cohortBatch({ people: [{ personId: 'her', outcome: 'unchanged', recordId: null }] }, JOURNEY);
    expect(claims.claimsRegistration('her', failedAttempt)).toBe(false);
  });

  it('a batch recorded before rows named records claims the upload’s records of the people it lists', () => {
    const claims = new ClaimedRecords();
    claims.cohortBatch({ people: [{ personId: 'her', outcome: 'unchanged' }] }, JOURNEY);
    expect(claims.claimsRegistration('her', upload)).toBe(true);
  });

  it('an upload referral recorded before referrals named records claims by the upload’s id', () => {
    const claims = new ClaimedRecords();
    claims.referral(uploadReferral({}), upload);
    expect(claims.claimsRegistration('her', upload)).toBe(true);
  });

  it('a referral naming its record claims no other written in its request', () => {
    const claims = new ClaimedRecords();
    claims.referral(
      { personId: 'her', panelCode: 'IOM', details: { kind: 'iom' }, recordId: 'record-iom' },
      failedAttempt,
    );
    expect(claims.claimsRegistration('her', failedAttempt)).toBe(false);
    expect(claims.claimsRegistration('record-iom', failedAttempt)).toBe(true);
  });
});
