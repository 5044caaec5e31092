/** The cohort-import domain: pure reading of the core-cohort file and the month-to-month comparison. */
export * from './cohort-columns';
export * from './cohort-row';
export * from './cohort-file';
export * from './cohort-month';
export * from './cohort-comparison';
export * from './import-events';
