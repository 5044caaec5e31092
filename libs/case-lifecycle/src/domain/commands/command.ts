/**
 * A command: an imperative kebab-case `type` and the data the decision needs, including the
 * ids of what it creates and `occurredAt` (when it happened in the world). Who sends it travels
 * in the pipeline's CommandContext, not here.
 */
export interface Command<T extends string, D> {
  readonly type: T;
  readonly data: D;
}
