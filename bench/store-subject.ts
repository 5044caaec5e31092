import type { EventToAppend } from '../libs/event-store/src/port/event-envelope';

/** One contestant in the store benchmark: the same operations over its own file. */
export interface StoreSubject {
  readonly name: string;
  /** One durable append (one transaction, one fsync) of `events` to `stream`, with its concurrency check. */
  append(stream: string, streamLength: number, events: readonly EventToAppend[]): Promise<void>;
  /** Reads the whole log in pages in global order, decoding every event; returns how many. */
  readAll(pageSize: number): Promise<number>;
  close(): Promise<void>;
  /** Anything about the run a reader of the results should know (retries, for instance). */
  notes?(): string | undefined;
}

export type SubjectFactory = (filename: string) => Promise<StoreSubject>;
