import { Rejection } from '../../../command-handling/src/rejections';

/**
 * `occurredAt` defaults to now when a client leaves it out; a refusal naming it would send the
 * client looking for a field it never sent. The rule and message stay; the field is dropped.
 */
export async function namingOccurredAtOnlyWhenSent<T>(sent: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sent !== undefined || !(error instanceof Rejection)) throw error;
    if (!error.details.some((detail) => detail.field === 'occurredAt')) throw error;
    const details = error.details.map(({ field, ...rest }) => (field === 'occurredAt' ? rest : { field, ...rest }));
    throw new Rejection(error.kind, error.rule, error.message, details);
  }
}
