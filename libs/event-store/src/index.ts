export * from './port/event-envelope';
export * from './port/expected-revision';
export * from './port/errors';
export * from './port/event-store';
export * from './port/naming';
export * from './port/append-limits';
export * from './port/event-count';
export * from './port/head-event';
