import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { createCaseDecider } from './case.decider';
import {
  DEFAULT_PANEL_REGISTRY,
  definePanelRegistry,
  findPanel,
  genericPanel,
  MARAC_PANEL,
  residenceProtectingPanels,
} from './panel-registry';
import { historyOf, LATER, on, referral } from './testing/case-fixtures';
import { MASE_SETTINGS } from './testing/configured-panels';
import {
  caseIdFromStream,
  caseStream,
  meetingIdFromStream,
  meetingStream,
  personIdFromStream,
  personStream,
} from './stream-names';

describe('panel registry', () => {
  it('holds IOM, MARAC and Alliance with their default settings, and generic panels', () => {
    expect(findPanel(DEFAULT_PANEL_REGISTRY, 'MARAC')?.rules).toEqual({
      kind: 'marac',
      dashThreshold: 14,
      policeCalloutsThreshold: 3,
      repeatWindowMonths: 12,
    });
    expect(findPanel(DEFAULT_PANEL_REGISTRY, 'IOM')?.rules).toMatchObject({
      kind: 'iom',
      eligibilityPolicy: { id: 'london-2021', version: 1 },
    });
    expect(findPanel(DEFAULT_PANEL_REGISTRY, 'ALLIANCE')?.rules).toMatchObject({ kind: 'alliance', followUpHours: 48 });
    expect(findPanel(DEFAULT_PANEL_REGISTRY, 'MAPPA')).toMatchObject({ statutory: true, rules: { kind: 'generic' } });
    expect(findPanel(DEFAULT_PANEL_REGISTRY, 'IOM')?.exitStatuses.map((status) => status.code)).toEqual([
      'success',
      'moved-out-of-area',
      'death',
      'long-custodial-sentence',
      'other',
    ]);
  });

  it('refuses duplicate codes and impossible settings', () => {
    expect(() => definePanelRegistry([MARAC_PANEL, MARAC_PANEL])).toThrow(/duplicate panel codes: MARAC/);
    expect(() =>
      definePanelRegistry([
        {
          ...MARAC_PANEL,
          rules: { kind: 'marac', dashThreshold: 0, policeCalloutsThreshold: 3, repeatWindowMonths: 12 },
        },
      ]),
    ).toThrow(/dashThreshold/);
    expect(() => definePanelRegistry([{ ...MARAC_PANEL, exitStatuses: [] }])).toThrow(
      /exitStatuses must list at least one status/,
    );
  });

  it('protects residence for MARAC alone by default, and for every marac panel', () => {
    expect(residenceProtectingPanels(DEFAULT_PANEL_REGISTRY)).toEqual(new Set(['MARAC']));
    expect(() => definePanelRegistry([{ ...MARAC_PANEL, protectsResidence: false }])).toThrow(
      /panel MARAC: protectsResidence must be true for a marac panel/,
    );
  });

  it('runs a new panel added by configuration alone through the common lifecycle', () => {
    const masePanel = genericPanel(MASE_SETTINGS);
    const decider = createCaseDecider(definePanelRegistry([...DEFAULT_PANEL_REGISTRY.panels, masePanel]));
    const history = historyOf(decider, referral('MASE', { kind: 'generic' }), on('accept-referral', {}));
    deciderSpecification(decider)
      .given(...history)
      .when(on('close-case', { exitStatus: 'risk-reduced' }))
      .then([{ type: 'case-closed', data: { exitStatus: 'risk-reduced', occurredAt: LATER } }]);
  });
});

describe('stream names', () => {
  it('names and parses case, meeting and person streams', () => {
    expect(caseStream('abc')).toBe('case-abc');
    expect(meetingStream('m1')).toBe('meeting-m1');
    expect(personStream('p1')).toBe('person-p1');
    expect(caseIdFromStream('case-abc')).toBe('abc');
    expect(caseIdFromStream('meeting-abc')).toBeUndefined();
    expect(meetingIdFromStream('meeting-m1')).toBe('m1');
    expect(personIdFromStream('person-')).toBeUndefined();
    expect(() => caseStream('')).toThrow();
  });
});
