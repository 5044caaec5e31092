import { personIndexLog } from './testing/person-index-log';

const DETAILS = { forenames: 'Morwenna', surname: 'Syntheticson', aliases: [], identifiers: {} };
/** One front-end journey: a MARAC referral and the monthly upload both sent under it. */
const JOURNEY = 'journey-7';
const MARAC_REQUEST = '2024-06-03T10:00:00.000Z';
const UPLOAD = '2024-06-03T10:20:00.000Z';
const UPLOAD_ROUTE = { kind: 'iom', route: 'probation-core-cohort-upload' };

/**
 * A MARAC referral that failed once it had registered her, never retried, left a record no referral
 * claimed. The monthly upload, sent under the same X-Correlation-Id with a row for her, claims only
 * the record its row brought in; uploads and referrals recorded before they named records keep
 * being read by the correlation id, as they were.
 */
describe('the person index: which records the monthly IOM upload claims', () => {
  const { record, panelsOf } = personIndexLog(JOURNEY);
  const failedMaracAttempt = () =>
    record('person-her', 'person-registered', { personId: 'her', details: DETAILS }, MARAC_REQUEST);
  const linked = (recordId: string, recordedAt: string) =>
    record(
      'identity-her',
      'person-record-linked',
      { personId: 'her', recordId, details: DETAILS, score: 20, levels: {} },
      recordedAt,
    );
  const linkedByUpload = () => linked('record-upload', UPLOAD);
  const uploadReferral = (named: object) =>
    record(
      'case-case-upload',
      'referral-made',
      { caseId: 'case-upload', panelCode: 'IOM', personId: 'her', occurredAt: UPLOAD, details: UPLOAD_ROUTE, ...named },
      '2024-06-03T10:20:00.007Z',
    );
  const batch = (row: object) =>
    record(
      'iomimport-2024-06',
      'iom-cohort-batch-imported',
      { month: '2024-06', fileDigest: 'digest-1', batch: 0, people: [{ personId: 'her', eligible: true, ...row }] },
      '2024-06-03T10:20:00.009Z',
    );
  const panels = () => panelsOf('her');

  it('an upload referral naming its row’s record tags that one, not the failed attempt’s', async () => {
    await failedMaracAttempt();
    await linkedByUpload();
    await uploadReferral({ recordId: 'record-upload' });
    await batch({ outcome: 'new', caseId: 'case-upload', recordId: 'record-upload' });
    expect(await panels()).toEqual({ her: null, 'record-upload': 'IOM' });
  });

  it('an upload referral whose row brought in no record tags none', async () => {
    await failedMaracAttempt();
    await uploadReferral({ recordId: null });
    await batch({ outcome: 'new', caseId: 'case-upload', recordId: null });
    expect(await panels()).toEqual({ her: null });
  });

  it('a batch row that opened no referral claims the record it names, not the failed attempt’s', async () => {
    await failedMaracAttempt();
    await linkedByUpload();
    await batch({ outcome: 'unchanged', recordId: 'record-upload' });
    expect(await panels()).toEqual({ her: null, 'record-upload': 'IOM' });
  });

  it('a duplicate-person row (another CRN matched to her) claims the record it linked', async () => {
    await failedMaracAttempt();
    await linkedByUpload();
    await linked('record-duplicate', UPLOAD);
    const duplicate = { row: 2, field: 'person', reason: 'duplicate-person', recordId: 'record-duplicate' };
    await record(
      'iomimport-2024-06',
      'iom-cohort-batch-imported',
      {
        month: '2024-06',
        fileDigest: 'digest-1',
        batch: 0,
        people: [{ personId: 'her', eligible: true, outcome: 'unchanged', recordId: 'record-upload' }],
        problems: [duplicate],
      },
      '2024-06-03T10:20:00.009Z',
    );
    expect(await panels()).toEqual({ her: null, 'record-upload': 'IOM', 'record-duplicate': 'IOM' });
  });

  it('a batch recorded before rows named records claims the upload’s records of the people it lists', async () => {
    await record('person-her', 'person-registered', { personId: 'her', details: DETAILS }, UPLOAD);
    await batch({ outcome: 'unchanged' });
    expect(await panels()).toEqual({ her: 'IOM' });
  });

  it('an upload referral recorded before referrals named records tags the upload’s record of her', async () => {
    await record('person-her', 'person-registered', { personId: 'her', details: DETAILS }, UPLOAD);
    await uploadReferral({});
    expect(await panels()).toEqual({ her: 'IOM' });
  });

  it('a referral naming its record leaves another of hers written under its id in the same millisecond', async () => {
    await failedMaracAttempt();
    await linked('record-iom', MARAC_REQUEST);
    await record(
      'case-case-iom',
      'referral-made',
      {
        caseId: 'case-iom',
        panelCode: 'IOM',
        personId: 'her',
        occurredAt: MARAC_REQUEST,
        details: { kind: 'iom' },
        recordId: 'record-iom',
      },
      MARAC_REQUEST,
    );
    expect(await panels()).toEqual({ her: null, 'record-iom': 'IOM' });
  });
});
