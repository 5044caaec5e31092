export * from './port/event-envelope';
export * from './port/expected-revision';
export * from './port/errors';
export * from './port/event-store';
export * from './port/naming';
