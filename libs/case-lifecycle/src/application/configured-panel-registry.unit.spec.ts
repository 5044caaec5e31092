import { ConfigError, loadConfig } from '../../../platform/src/config/app-config';
import { findPanel, residenceProtectingPanels } from '../domain';
import { MASE_SETTINGS } from '../domain/testing/configured-panels';
import { configuredPanelRegistry, panelRegistryInForce } from './configured-panel-registry';

const MASE = MASE_SETTINGS;

const registryFrom = (panels: unknown) => configuredPanelRegistry(loadConfig({ PANELS: JSON.stringify(panels) }));

function problemsOf(panels: unknown): readonly string[] {
  try {
    registryFrom(panels);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('panels from configuration (PANELS / PANELS_FILE)', () => {
  it('adds a generic panel to the built-in ones, with the generic status lists unless it gives its own', () => {
    const registry = registryFrom([
      MASE,
      {
        ...MASE,
        code: 'GANGS-SGV',
        name: 'Gangs and serious youth violence panel',
        currentStatuses: [{ code: 'active', label: 'Active' }],
        exitStatuses: [{ code: 'desisted', label: 'Desisted', planDone: true }],
      },
    ]);
    expect(registry.panels.map((panel) => panel.code)).toEqual([
      'IOM',
      'MARAC',
      'ALLIANCE',
      'MAPPA',
      'CHANNEL',
      'YOS-RISK',
      'MASE',
      'GANGS-SGV',
    ]);
    expect(findPanel(registry, 'MASE')).toMatchObject({ ...MASE, rules: { kind: 'generic' } });
    expect(findPanel(registry, 'MASE')?.exitStatuses.map((status) => status.code)).toContain('objectives-met');
    expect(findPanel(registry, 'GANGS-SGV')?.exitStatuses).toEqual([
      { code: 'desisted', label: 'Desisted', requiresDetail: false, planDone: true },
    ]);
  });

  it('lets an area redefine a built-in generic panel in place, e.g. its own MAPPA contact', () => {
    const registry = registryFrom([
      { ...MASE, code: 'MAPPA', name: 'MAPPA', statutory: true, statutoryBasis: 'Criminal Justice Act 2003 s325' },
    ]);
    expect(registry.panels.filter((panel) => panel.code === 'MAPPA')).toHaveLength(1);
    expect(findPanel(registry, 'MAPPA')?.contact?.email).toBe('mase@borough.example.org');
  });

  it.each(['IOM', 'MARAC', 'ALLIANCE'])(
    'refuses to redefine %s as a generic panel: its name and rules are code',
    (code) => {
      expect(problemsOf([{ ...MASE, code }])).toEqual(
        ['name', 'statutory'].map((field) =>
          expect.stringMatching(
            new RegExp(
              `^PANELS: panels\\[0\\] \\(${code}\\) ${field} is not a setting of the built-in ${code} panel: `,
            ),
          ),
        ),
      );
    },
  );

  it.each([
    ['lower case', 'mase'],
    ['a space', 'GANGS SGV'],
    ['one character', 'M'],
    ['32 characters, over the export limit', `M${'A'.repeat(31)}`],
    ['an underscore', 'MASE_2'],
  ])('refuses a code with %s, which no token claim, route or export could name', (_, code) => {
    expect(problemsOf([{ ...MASE, code }])).toEqual([
      `PANELS: panels[0] (${code}) code must be 2 to 31 upper-case letters, digits or hyphens starting with a letter (got "${code}")`,
    ]);
  });

  it('refuses a panel configured twice, naming both entries', () => {
    expect(problemsOf([MASE, { ...MASE, name: 'Again' }])).toEqual([
      'PANELS: panels[1] (MASE) code MASE is configured twice (also panels[0])',
    ]);
  });

  it('refuses a frequency outside the list', () => {
    expect(problemsOf([{ ...MASE, frequency: 'daily' }])).toEqual([
      'PANELS: panels[0] (MASE) frequency must be one of weekly, fortnightly, monthly, six-weekly, quarterly, as-needed (got "daily")',
    ]);
  });

  it.each(['name', 'chair', 'leadAgency'])('refuses a blank %s', (field) => {
    expect(problemsOf([{ ...MASE, [field]: '  ' }])).toEqual([`PANELS: panels[0] (MASE) ${field} must not be blank`]);
  });

  it('refuses a statutory panel without its statutory basis', () => {
    expect(problemsOf([{ ...MASE, statutory: true }])).toEqual([
      'PANELS: panels[0] (MASE) statutoryBasis is required when statutory is true (the legislation)',
    ]);
  });

  it.each(['mase.example.org', 'mase@', 'mase coordinator@example.org'])('refuses the contact email %s', (email) => {
    expect(problemsOf([{ ...MASE, contact: { role: 'MASE coordinator', email } }])).toEqual([
      `PANELS: panels[0] (MASE) contact.email must be an email address (got "${email}")`,
    ]);
  });

  it('refuses a contact field it would not show, rather than drop it', () => {
    const contact = { role: 'MASE coordinator', email: 'mase@borough.example.org', phone: '020 7946 0000' };
    expect(problemsOf([{ ...MASE, contact }])).toEqual([
      'PANELS: panels[0] (MASE) contact.phone is not a contact setting: a contact takes role, email',
    ]);
  });

  it('refuses rules or a kind: configured panels are generic', () => {
    expect(problemsOf([{ ...MASE, rules: { kind: 'marac' } }])).toEqual([
      expect.stringMatching(
        /^PANELS: panels\[0\] \(MASE\) rules is not a panel setting \(configured panels are generic: /,
      ),
    ]);
  });

  it('refuses wrong types, empty or repeated status lists, naming each', () => {
    expect(
      problemsOf([
        { ...MASE, statutory: 'no', frequency: 3 },
        {
          ...MASE,
          code: 'SGV',
          currentStatuses: [],
          exitStatuses: [
            { code: 'Done', label: 'Done' },
            { code: 'gone', label: 'Gone' },
            { code: 'gone', label: '' },
          ],
        },
        'MASE',
      ]),
    ).toEqual([
      'PANELS: panels[0] (MASE) frequency must be text',
      'PANELS: panels[0] (MASE) statutory must be true or false',
      'PANELS: panels[1] (SGV) currentStatuses must list at least one status',
      'PANELS: panels[1] (SGV) exitStatuses[0].code must match ^[a-z][a-z0-9-]{0,63}$ (got "Done")',
      'PANELS: panels[1] (SGV) exitStatuses[2].label must not be blank',
      'PANELS: panels[1] (SGV) exitStatuses lists gone twice',
      'PANELS: panels[2] must be a JSON object with code, name, leadAgency, chair, frequency, statutory',
    ]);
  });

  it('needs a JSON list, and names the file it read', () => {
    expect(problemsOf({ MASE })).toEqual(['PANELS must be a JSON list of panels, e.g. [{ "code": "MASE", ... }]']);
    expect(() => loadConfig({ PANELS_FILE: '/nonexistent/panels.json' })).toThrow(
      'PANELS_FILE (/nonexistent/panels.json) cannot be read: ENOENT',
    );
    expect(() => loadConfig({ PANELS: '[', PANELS_FILE: '/x.json' })).toThrow(
      'PANELS and PANELS_FILE are both set: set one',
    );
    expect(() => loadConfig({ PANELS: '[{' })).toThrow(/PANELS must be JSON/);
  });

  it('protects a configured panel’s residence only when told to, and refuses anything but true or false', () => {
    const registry = registryFrom([
      { ...MASE, protectsResidence: true },
      { ...MASE, code: 'GANGS-SGV' },
      { ...MASE, code: 'MAPPA', protectsResidence: false },
    ]);
    expect(residenceProtectingPanels(registry)).toEqual(new Set(['MARAC', 'MASE']));
    expect(problemsOf([{ ...MASE, protectsResidence: 'yes' }])).toEqual([
      'PANELS: panels[0] (MASE) protectsResidence must be true or false',
    ]);
  });

  it('builds the registry in force once per configuration', () => {
    const config = loadConfig({ PANELS: JSON.stringify([{ ...MASE, protectsResidence: true }]) });
    expect(panelRegistryInForce(config)).toBe(panelRegistryInForce(config));
  });

  it('keeps the configured IOM policy alongside configured panels', () => {
    const registry = configuredPanelRegistry(
      loadConfig({
        PANELS: JSON.stringify([MASE]),
        IOM_ELIGIBILITY_POLICY: JSON.stringify({
          id: 'area-2026',
          version: 1,
          thresholds: { ogrsAlone: 70, ogrsWithRobberyOrBurglary: 45, ovpMinimum: 25 },
        }),
      }),
    );
    expect(findPanel(registry, 'IOM')?.rules).toMatchObject({ eligibilityPolicy: { id: 'area-2026' } });
    expect(findPanel(registry, 'MASE')).toBeDefined();
  });
});
