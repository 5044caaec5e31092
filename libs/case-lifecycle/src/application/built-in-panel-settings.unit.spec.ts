import { ConfigError, loadConfig } from '../../../platform/src/config/app-config';
import { DEFAULT_PANEL_REGISTRY, findPanel, type PanelRegistry } from '../domain';
import { configuredPanelRegistry } from './configured-panel-registry';

const registryFrom = (panels: unknown, env: Record<string, string> = {}): PanelRegistry =>
  configuredPanelRegistry(loadConfig({ PANELS: JSON.stringify(panels), ...env }));

function problemsOf(panels: unknown): readonly string[] {
  try {
    registryFrom(panels);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

const BOROUGH_CONTACT = { role: 'MARAC coordinator', email: 'marac@borough.example.org' };

describe('the built-in special panels set by configuration (PANELS / PANELS_FILE)', () => {
  it("sets MARAC's chair, lead agency, frequency, contact and referral thresholds, keeping the rest built in", () => {
    const registry = registryFrom([
      {
        code: 'MARAC',
        chair: '  Detective chief inspector, safeguarding  ',
        leadAgency: 'police',
        frequency: 'fortnightly',
        contact: BOROUGH_CONTACT,
        dashThreshold: 10,
        policeCalloutsThreshold: 4,
        repeatWindowMonths: 18,
      },
    ]);
    const builtIn = findPanel(DEFAULT_PANEL_REGISTRY, 'MARAC');
    expect(findPanel(registry, 'MARAC')).toEqual({
      ...builtIn,
      chair: 'Detective chief inspector, safeguarding',
      frequency: 'fortnightly',
      contact: BOROUGH_CONTACT,
      rules: { kind: 'marac', dashThreshold: 10, policeCalloutsThreshold: 4, repeatWindowMonths: 18 },
    });
    expect(registry.panels.map((panel) => panel.code)).toEqual(DEFAULT_PANEL_REGISTRY.panels.map((p) => p.code));
  });

  it('keeps the thresholds an entry does not name', () => {
    expect(findPanel(registryFrom([{ code: 'MARAC', dashThreshold: 12 }]), 'MARAC')?.rules).toEqual({
      kind: 'marac',
      dashThreshold: 12,
      policeCalloutsThreshold: 3,
      repeatWindowMonths: 12,
    });
  });

  it('sets the IOM and Alliance contacts, keeping the configured IOM eligibility policy', () => {
    const registry = registryFrom(
      [
        { code: 'IOM', contact: { role: 'IOM hub', email: 'iom@borough.example.org' }, frequency: 'fortnightly' },
        { code: 'ALLIANCE', chair: 'Youth outreach manager', leadAgency: 'council' },
      ],
      {
        IOM_ELIGIBILITY_POLICY: JSON.stringify({
          id: 'area-2026',
          version: 1,
          thresholds: { ogrsAlone: 70, ogrsWithRobberyOrBurglary: 45, ovpMinimum: 25 },
        }),
      },
    );
    expect(findPanel(registry, 'IOM')).toMatchObject({
      contact: { role: 'IOM hub', email: 'iom@borough.example.org' },
      frequency: 'fortnightly',
      rules: { kind: 'iom', eligibilityPolicy: { id: 'area-2026' } },
    });
    expect(findPanel(registry, 'ALLIANCE')).toMatchObject({
      chair: 'Youth outreach manager',
      leadAgency: 'council',
      rules: { kind: 'alliance', followUpHours: 48, homeBoroughs: ['Enfield', 'Haringey'] },
    });
  });

  it.each([
    ['dashThreshold', 0, 'must be a whole number from 1 to 24, the DASH checklist having 24 questions (got 0)'],
    ['dashThreshold', 25, 'must be a whole number from 1 to 24, the DASH checklist having 24 questions (got 25)'],
    ['dashThreshold', 12.5, 'must be a whole number from 1 to 24, the DASH checklist having 24 questions (got 12.5)'],
    ['dashThreshold', '10', 'must be a whole number from 1 to 24, the DASH checklist having 24 questions (got "10")'],
    ['policeCalloutsThreshold', -1, 'must be a whole number of callouts from 1 to 1000 (got -1)'],
    ['repeatWindowMonths', 0, 'must be a whole number of months from 1 to 24 (got 0)'],
    ['repeatWindowMonths', null, 'must be a whole number of months from 1 to 24 (got null)'],
  ])('refuses MARAC %s %j, naming the field and the rule', (field, value, rule) => {
    expect(problemsOf([{ code: 'MARAC', [field]: value }])).toEqual([`PANELS: panels[0] (MARAC) ${field} ${rule}`]);
  });

  it('refuses what the entry may not set: the kind, rules, name, statuses and residence protection are code', () => {
    expect(
      problemsOf([
        {
          code: 'MARAC',
          name: 'Domestic abuse MARAC',
          rules: { kind: 'generic' },
          exitStatuses: [{ code: 'done', label: 'Done' }],
          protectsResidence: false,
        },
      ]),
    ).toEqual(
      ['name', 'rules', 'exitStatuses', 'protectsResidence'].map(
        (field) =>
          `PANELS: panels[0] (MARAC) ${field} is not a setting of the built-in MARAC panel: it takes chair, leadAgency, frequency, contact, dashThreshold, policeCalloutsThreshold, repeatWindowMonths (its kind, name, statuses and rules are code)`,
      ),
    );
  });

  it("refuses MARAC's thresholds on IOM and Alliance, saying where IOM's policy is set", () => {
    expect(
      problemsOf([
        { code: 'IOM', dashThreshold: 10 },
        { code: 'ALLIANCE', followUpHours: 24 },
      ]),
    ).toEqual([
      'PANELS: panels[0] (IOM) dashThreshold is not a setting of the built-in IOM panel: it takes chair, leadAgency, frequency, contact (its kind, name, statuses and rules are code; its eligibility policy is IOM_ELIGIBILITY_POLICY)',
      'PANELS: panels[1] (ALLIANCE) followUpHours is not a setting of the built-in ALLIANCE panel: it takes chair, leadAgency, frequency, contact (its kind, name, statuses and rules are code)',
    ]);
  });

  it('holds the common settings to the rules every panel keeps', () => {
    expect(
      problemsOf([
        {
          code: 'MARAC',
          chair: ' ',
          frequency: 'daily',
          contact: { role: 'MARAC coordinator', email: 'marac.borough.example.org' },
        },
        { code: 'IOM', leadAgency: 7, contact: 'iom@borough.example.org' },
        { code: 'ALLIANCE' },
        { code: 'ALLIANCE', chair: 'Again' },
      ]),
    ).toEqual([
      'PANELS: panels[0] (MARAC) chair must not be blank',
      'PANELS: panels[0] (MARAC) frequency must be one of weekly, fortnightly, monthly, six-weekly, quarterly, as-needed (got "daily")',
      'PANELS: panels[0] (MARAC) contact.email must be an email address (got "marac.borough.example.org")',
      'PANELS: panels[1] (IOM) leadAgency must be text',
      'PANELS: panels[1] (IOM) contact must be { "role", "email" } (both text)',
      'PANELS: panels[3] (ALLIANCE) code ALLIANCE is configured twice (also panels[2])',
    ]);
  });

  it('refuses a contact field it would not show, rather than drop it', () => {
    expect(problemsOf([{ code: 'MARAC', contact: { ...BOROUGH_CONTACT, phone: '020 7946 0000' } }])).toEqual([
      'PANELS: panels[0] (MARAC) contact.phone is not a contact setting: a contact takes role, email',
    ]);
  });
});
