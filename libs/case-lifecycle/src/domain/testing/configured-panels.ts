/**
 * Panels an area adds by configuration alone (PANELS / PANELS_FILE): sexual exploitation, and
 * gangs and serious youth violence. Synthetic contacts; shaped as the JSON an operator writes.
 */
export const MASE_SETTINGS = {
  code: 'MASE',
  name: 'Multi-Agency Sexual Exploitation panel',
  leadAgency: 'children-social-care',
  chair: 'Head of safeguarding',
  frequency: 'monthly',
  statutory: false,
  contact: { role: 'MASE coordinator', email: 'mase@borough.example.org' },
} as const;

export const GANGS_SGV_SETTINGS = {
  code: 'GANGS-SGV',
  name: 'Gangs and serious youth violence panel',
  leadAgency: 'community-safety',
  chair: 'Community safety manager',
  frequency: 'fortnightly',
  statutory: false,
  contact: { role: 'SGV panel coordinator', email: 'sgv@borough.example.org' },
} as const;
