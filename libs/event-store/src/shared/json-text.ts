import { InvalidAppendError } from '../port/errors';

/**
 * Serialises event data or metadata, turning what JSON cannot carry (bigint, cycles) into an
 * InvalidAppendError instead of a TypeError thrown from deep inside an adapter.
 */
export function toJsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${what} is not JSON-serialisable: ${error instanceof Error ? error.message : ''}`);
  }
  if (text === undefined) throw new InvalidAppendError(`${what} is not JSON-serialisable`);
  return text;
}
