import { personIndexLog } from './testing/person-index-log';

const DETAILS = { forenames: 'Hermione', surname: 'Syntheticson', aliases: [], identifiers: {} };
const SESSION = 'front-end-session-1';
/** When the API received each referral's request: its records and its case share it. */
const MARAC_REQUEST = '2024-03-01T10:00:00.000Z';
const IOM_REQUEST = '2024-03-01T10:05:00.000Z';

/**
 * A front-end traced a whole session under one X-Correlation-Id. MARAC registered her, then IOM
 * linked a record to her, both in flight at once, and IOM's case happened to be written first. Her
 * MARAC registration (with her refuge address) must stay MARAC's, the linked record IOM's.
 */
describe('the person index: which referral brought a record in, under one correlation id', () => {
  const { record, panelsOf } = personIndexLog(SESSION);
  const referralMade = (caseId: string, panelCode: string, recordedAt: string, named: object = {}) =>
    record(
      `case-${caseId}`,
      'referral-made',
      { caseId, panelCode, personId: 'her', occurredAt: recordedAt, details: { kind: 'generic' }, ...named },
      recordedAt,
    );
  const panels = () => panelsOf('her');
  const registeredByMaracLinkedByIom = async () => {
    await record('person-her', 'person-registered', { personId: 'her', details: DETAILS }, MARAC_REQUEST);
    await record(
      'identity-her',
      'person-record-linked',
      { personId: 'her', recordId: 'record-iom', details: DETAILS, score: 20, levels: {} },
      IOM_REQUEST,
    );
  };

  it('tags each record with the referral written in its request, for referrals that name no record', async () => {
    await registeredByMaracLinkedByIom();
    await referralMade('case-iom', 'IOM', IOM_REQUEST);
    await referralMade('case-marac', 'MARAC', MARAC_REQUEST);
    expect(await panels()).toEqual({ her: 'MARAC', 'record-iom': 'IOM' });
  });

  it('tags the record a referral names, though written in an earlier attempt of its request', async () => {
    await registeredByMaracLinkedByIom();
    await referralMade('case-marac', 'MARAC', MARAC_REQUEST, { recordId: 'her' });
    // A retried job row finds the record its first attempt linked, and opens the case only now.
    await referralMade('case-iom', 'IOM', '2024-03-01T10:09:00.000Z', { recordId: 'record-iom' });
    expect(await panels()).toEqual({ her: 'MARAC', 'record-iom': 'IOM' });
  });

  it('still tags the registration a cohort upload’s row made, each step of the row under its own clock', async () => {
    await record('person-her', 'person-registered', { personId: 'her', details: DETAILS }, IOM_REQUEST);
    await record(
      'case-case-upload',
      'referral-made',
      {
        caseId: 'case-upload',
        panelCode: 'IOM',
        personId: 'her',
        occurredAt: IOM_REQUEST,
        details: { kind: 'iom', route: 'probation-core-cohort-upload' },
      },
      '2024-03-01T10:05:00.007Z',
    );
    expect(await panels()).toEqual({ her: 'IOM' });
  });
});
