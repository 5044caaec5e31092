import { createHmac } from 'node:crypto';
import type { MatchEvent, PersonSplit } from '../../../../identity/src/domain/person-links';
import { confirmedMatch, rejectedMatch, restoringSplit } from '../../domain/testing/identity-decisions';
import { ExportAssembly, type SourceEvent } from './export-assembly';

/**
 * The export names people as the whole log knows them when it runs: one offender referred twice
 * under two ids ('kit', 'kit-again') and confirmed as one has one pseudonym, two again after a
 * restoring split, and two when a rejection standing earlier keeps them apart. Synthetic ids only.
 */
let position = 0n;
const at = (stream: string, type: string, data: object, occurredAt = '2024-03-01T10:00:00Z'): SourceEvent => ({
  stream,
  type,
  data,
  position: position++,
  occurredAt,
  actorAgency: 'Probation',
  // One request wrote each referral and the records it brought in, at the time they happened.
  correlationId: `request-${occurredAt}`,
  recordedAt: occurredAt,
});
const registered = (personId: string) =>
  at(`person-${personId}`, 'person-registered', { personId, details: { sex: 'male', surname: 'Synthetic' } });
const referred = (caseId: string, personId: string, panelCode = 'IOM', details: object = { kind: 'iom' }) =>
  at(`case-${caseId}`, 'referral-made', { caseId, panelCode, personId, details });
// Decisions come after the period exported: the export still follows them.
const decided = (event: MatchEvent) =>
  at(`personmatch-${event.data.proposalId}`, event.type, event.data, '2025-02-01T10:00:00Z');
const split = (data: PersonSplit['data']) =>
  at(`identity-${data.personId}`, 'person-split', data, '2025-02-02T10:00:00Z');

const pseudonym = (kind: string, id: string) =>
  createHmac('sha256', 'spec-key').update(`${kind}:${id}`).digest('hex').slice(0, 20);

function exported(decisions: SourceEvent[], panels = ['IOM']) {
  position = 0n;
  const assembly = new ExportAssembly({
    from: '2024-01-01',
    to: '2024-12-31',
    residenceProtectingPanels: new Set(['MARAC']),
    panels,
    coarsenDatesToMonth: false,
    pseudonym,
  });
  const log = [
    registered('kit'),
    referred('c1', 'kit'),
    registered('kit-again'),
    referred('c2', 'kit-again'),
    ...decisions,
  ];
  for (const event of log) assembly.add(event);
  return assembly.finish();
}
const peopleIn = (records: ReturnType<typeof exported>) =>
  new Set(records.map((r) => r.person).filter((p) => p !== undefined));

describe('export: people as the whole log knows them at the export', () => {
  it('gives ids a reviewer confirmed as one person one pseudonym, the survivor’s, on every event', () => {
    const records = exported([decided(confirmedMatch('p1', 'kit', 'kit-again'))]);
    expect(records.map((r) => [r.event_type, r.person])).toEqual([
      ['person-registered', pseudonym('person', 'kit')],
      ['referral-made', pseudonym('person', 'kit')],
      ['person-registered', pseudonym('person', 'kit')],
      ['referral-made', pseudonym('person', 'kit')],
    ]);
    // The decision itself is not exported (the list above is whole), and the two cases stay two.
    expect(new Set(records.map((r) => r.case).filter((c) => c !== undefined)).size).toBe(2);
  });

  it('gives them two pseudonyms again after a restoring split', () => {
    const records = exported([
      decided(confirmedMatch('p1', 'kit', 'kit-again')),
      split(restoringSplit('kit', 'kit-again')),
    ]);
    expect(peopleIn(records)).toEqual(new Set([pseudonym('person', 'kit'), pseudonym('person', 'kit-again')]));
    expect(records.map((r) => r.event_type)).toEqual([
      'person-registered',
      'referral-made',
      'person-registered',
      'referral-made',
    ]);
  });

  it('keeps two people two when a rejection standing earlier in the log beats a later confirmation', () => {
    const records = exported([
      decided(rejectedMatch('p1', ['kit', 'kit-again'])),
      decided(confirmedMatch('p2', 'kit', 'kit-again')),
    ]);
    expect(peopleIn(records).size).toBe(2);
  });

  it('gives a case a split moved the pseudonym of the person it moved to', () => {
    const moved: PersonSplit['data'] = {
      ...restoringSplit('kit', 'kit-moved'),
      restored: false,
      caseIds: ['c1'],
    };
    const records = exported([split(moved)]);
    expect(
      records.find((r) => r.event_type === 'referral-made' && r.person !== pseudonym('person', 'kit-again')),
    ).toMatchObject({ person: pseudonym('person', 'kit-moved') });
  });

  it('names the perpetrator as now known, and exports his details recorded under his other id', () => {
    position = 0n;
    const assembly = new ExportAssembly({
      from: '2024-01-01',
      to: '2024-12-31',
      residenceProtectingPanels: new Set(['MARAC']),
      panels: ['MARAC'],
      coarsenDatesToMonth: false,
      pseudonym,
    });
    const log = [
      registered('abuser'),
      referred('a1', 'abuser', 'ALLIANCE', { kind: 'alliance' }),
      registered('victim'),
      registered('abuser-again'),
      referred('m1', 'victim', 'MARAC', { kind: 'marac', perpetrator: { personId: 'abuser-again' } }),
      decided(confirmedMatch('p1', 'abuser', 'abuser-again')),
    ];
    for (const event of log) assembly.add(event);
    expect(assembly.finish().map((r) => [r.event_type, r.panel, r.person, r.other_person])).toEqual([
      ['person-registered', null, pseudonym('person', 'abuser'), undefined],
      ['person-registered', null, pseudonym('person', 'victim'), undefined],
      ['person-registered', null, pseudonym('person', 'abuser'), undefined],
      ['referral-made', 'MARAC', pseudonym('person', 'victim'), pseudonym('person', 'abuser')],
    ]);
  });
});
