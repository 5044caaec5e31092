/** The information-sharing domain: agreements, disclosures, lawful bases. Pure: no I/O, no clock. */
export * from './lawful-basis';
export * from './disclosable-fields';
export * from './moments';
export * from './sharing-agreement';
export * from './in-force-spells';
export * from './disclosure';
export * from './panel-correction';
export * from './case-view-filter';
export * from './case-as-disclosed';
export * from './consent-basis';
export * from './schedule-1-fit';
export * from './register-visibility';
export * from './entry-open-now';
export * from './safe-number-as-shared';
