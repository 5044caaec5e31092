export * from './domain/identifiers';
