import { ExportAssembly, type SourceEvent } from './export-assembly';

/**
 * Details a MARAC case recorded on the record its referral linked to a person IOM registered
 * ('mae'): exported coded, as MARAC's, in a MARAC export only. Synthetic ids and text only.
 */
let position = 0n;
const at = (stream: string, type: string, data: object): SourceEvent => ({
  stream,
  type,
  data,
  position: position++,
  occurredAt: '2024-05-02T09:00:00Z',
  actorAgency: 'Metropolitan Police',
  // One request wrote each referral and the records it brought in.
  correlationId: 'request-1',
  recordedAt: '2024-05-02T09:00:00.001Z',
});

function exported(panels: string[]) {
  position = 0n;
  const assembly = new ExportAssembly({
    from: '2024-01-01',
    to: '2024-12-31',
    residenceProtectingPanels: new Set(['MARAC']),
    panels,
    coarsenDatesToMonth: false,
    pseudonym: (kind, id) => `${kind}~${id}`,
  });
  const log = [
    at('person-mae', 'person-registered', { personId: 'mae', details: { sex: 'female', disability: 'no' } }),
    at('case-iom1', 'referral-made', { caseId: 'iom1', panelCode: 'IOM', personId: 'mae', details: { kind: 'iom' } }),
    at('case-marac1', 'referral-made', { caseId: 'marac1', panelCode: 'MARAC', personId: 'mae', details: {} }),
    at('identity-mae', 'person-record-details-recorded', {
      personId: 'mae',
      recordId: 'record-1',
      source: 'marac1',
      changes: { disability: 'Yes', language: 'Polish', address: '3 Synthetic Refuge Row', postcode: 'E9 7QQ' },
    }),
  ];
  for (const event of log) assembly.add(event);
  return assembly.finish().filter((r) => r.event_type === 'person-record-details-recorded');
}

describe('details recorded on a linked record in the research export', () => {
  it('gives them coded, under MARAC and her pseudonym, with no address, district or typed text', () => {
    const [record, ...more] = exported(['MARAC']);
    expect(more).toEqual([]);
    expect(record).toMatchObject({ panel: 'MARAC', person: 'person~mae', disability: 'yes', language: 'other' });
    expect(JSON.stringify(record)).not.toMatch(/Refuge|E9|Polish|record-1/);
  });

  it('leaves them out of an export without MARAC', () => {
    expect(exported(['IOM'])).toEqual([]);
  });
});
