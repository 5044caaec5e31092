/**
 * What a projection version is doing, as stored in `projection_checkpoints.state` and reported
 * by /ready:
 * - `live`: answers queries and has processed the log up to the head it last saw;
 * - `catching-up`: answers queries but is behind the head;
 * - `rebuilding`: a new version being built from the start while the previous one answers queries;
 * - `frozen`: answers queries but is no longer registered (its replacement is rebuilding), so it does not move;
 * - `failed`: its last batch threw; it is retried with a growing delay and holds nothing else back.
 */
export type ProjectionState = 'live' | 'catching-up' | 'rebuilding' | 'frozen' | 'failed';
