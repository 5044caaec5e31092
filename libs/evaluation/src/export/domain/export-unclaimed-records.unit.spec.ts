import { ExportAssembly, type SourceEvent } from './export-assembly';

/**
 * A registration no referral claimed (a MARAC referral that failed once it had written her, never
 * retried) is shown to no panel with its residence; an IOM-only export must not place her either.
 * Synthetic ids, requests and postcodes only.
 */
let position = 0n;
const inRequest = (correlationId: string, recordedAt: string, marks: Partial<SourceEvent> = {}) => ({
  at: (stream: string, type: string, data: object): SourceEvent => ({
    stream,
    type,
    data,
    position: position++,
    occurredAt: '2024-05-02T09:00:00Z',
    actorAgency: 'Probation',
    correlationId,
    recordedAt,
    ...marks,
  }),
});
const registered = (request: ReturnType<typeof inRequest>, personId: string) =>
  request.at(`person-${personId}`, 'person-registered', {
    personId,
    details: { sex: 'female', dateOfBirth: '1992-10-05', postcode: 'E9 6QQ' },
  });
const referredToIom = (request: ReturnType<typeof inRequest>, caseId: string, data: object) =>
  request.at(`case-${caseId}`, 'referral-made', { caseId, panelCode: 'IOM', details: { kind: 'iom' }, ...data });

const failedMaracAttempt = inRequest('marac-attempt', '2024-05-02T09:00:00.001Z');
const iomReferral = inRequest('iom-referral', '2024-05-02T09:05:00.002Z');

function districtsOfRegistrations(log: readonly SourceEvent[]): unknown[] {
  const assembly = new ExportAssembly({
    from: '2024-01-01',
    to: '2024-12-31',
    residenceProtectingPanels: new Set(['MARAC']),
    panels: ['IOM'],
    coarsenDatesToMonth: true,
    pseudonym: (kind, id) => `${kind}~${id}`,
  });
  for (const event of log) assembly.add(event);
  return assembly
    .finish()
    .filter((r) => r.event_type === 'person-registered')
    .map((r) => r.postcode_district);
}

describe('postcode districts of records no referral claimed, in the research export', () => {
  beforeEach(() => {
    position = 0n;
  });

  it('gives none from her registration a failed MARAC attempt left, her only case IOM’s', () => {
    const log = [
      registered(failedMaracAttempt, 'her'),
      referredToIom(iomReferral, 'iom1', { personId: 'her', recordId: 'her-iom-record' }),
    ];
    expect(districtsOfRegistrations(log)).toEqual([undefined]);
  });

  it('gives it once a retry names the record its failed attempt wrote', () => {
    const retry = inRequest('iom-retry', '2024-05-02T09:10:00.003Z');
    const log = [
      registered(failedMaracAttempt, 'her'),
      referredToIom(retry, 'iom1', { personId: 'her', recordId: 'her' }),
    ];
    expect(districtsOfRegistrations(log)).toEqual(['E9']);
  });

  it('gives it for a record written in the request of a referral recorded before referrals named records', () => {
    const log = [registered(iomReferral, 'her'), referredToIom(iomReferral, 'iom1', { personId: 'her' })];
    expect(districtsOfRegistrations(log)).toEqual(['E9']);
  });

  it('gives it for a record the monthly upload wrote for a person its batch lists', () => {
    const upload = (recordedAt: string) => inRequest('upload-2024-05', recordedAt);
    const log = [
      registered(upload('2024-05-02T09:00:00.010Z'), 'her'),
      upload('2024-05-02T09:00:00.020Z').at('iomimport-2024-05', 'iom-cohort-batch-imported', {
        people: [{ personId: 'her', outcome: 'not-eligible' }],
      }),
      referredToIom(iomReferral, 'iom1', { personId: 'her', recordId: 'her-later-record' }),
    ];
    expect(districtsOfRegistrations(log)).toEqual(['E9']);
  });

  it('gives none for a row the batch held: a held row claims nothing', () => {
    const upload = inRequest('upload-2024-05', '2024-05-02T09:00:00.010Z');
    const log = [
      registered(upload, 'her'),
      upload.at('iomimport-2024-05', 'iom-cohort-batch-imported', { people: [{ personId: 'her', outcome: 'held' }] }),
      referredToIom(iomReferral, 'iom1', { personId: 'her', recordId: 'her-iom-record' }),
    ];
    expect(districtsOfRegistrations(log)).toEqual([undefined]);
  });
});
