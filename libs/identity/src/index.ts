// Public surface of the identity context's pure domain: identifier rules and person matching.
// Synthetic data, evaluation and benchmark helpers live in ./testing (not part of the build).
export * from './domain/identifiers';
export * from './domain/matching';
