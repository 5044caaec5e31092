import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import {
  changeBegun,
  IDENTITY_STREAM_PREFIX,
  identityStream,
  MATCH_STREAM_PREFIX,
  streamRecording,
  type ChangeToRecord,
  type PersonLinkEvent,
} from '../../../../identity/src/domain/person-links';
import { ABANDONED_CLAIM_AFTER_MS } from './abandoned-claims';

/**
 * How long a restore or merge begun and not recorded holds back links to the people it changes.
 * It is recorded milliseconds after it began; a process that stops between the two leaves it
 * underway, and past this age the next referral that would link to one of them withdraws it. As
 * with key claims, a clock running ahead only withdraws a live one early, which then fails (409
 * person-changed) rather than being recorded beside a link.
 */
export const ABANDONED_CHANGE_AFTER_MS = ABANDONED_CLAIM_AFTER_MS;

/** A restore or merge underway is recorded milliseconds after it began: look again after this long. */
export const CHANGE_UNDERWAY_WAIT_MS = 20;

/** A restore or merge begun (`restore-begun`, `merge-begun`) and not yet recorded or settled as never to be. */
export interface ChangeUnderway {
  /** Whom it changes (one of those it began on), as they were when it began. */
  readonly personId: string;
  readonly change: ChangeToRecord;
  /** Server clock when it began: one a stopped process left unfinished is taken over after a while. */
  readonly recordedAt: string;
}

/**
 * What a resolver has read of each person's `identity-` stream: the revision a link scored on what
 * they hold expects, and the restores and merges begun on it still underway. A restore is recorded
 * on the split-off person's stream right after its `restore-begun`, a merge on its review's stream
 * right after its `merge-begun`s; until it is, what the person holds is about to change, so no
 * record is linked to them on what they hold now. It is settled once anything is recorded on that
 * stream after the revision it expects: the change itself, or whatever made it fail.
 */
export class IdentityStreams {
  private readonly revisions = new Map<string, bigint>();
  /** By the stream each is recorded on. */
  private readonly underway = new Map<string, ChangeUnderway[]>();

  apply(event: RecordedEvent): void {
    if (!event.stream.startsWith(IDENTITY_STREAM_PREFIX) && !event.stream.startsWith(MATCH_STREAM_PREFIX)) return;
    this.revisions.set(event.stream, event.revision);
    const waiting = this.underway.get(event.stream)?.filter((u) => BigInt(u.change.revision) >= event.revision) ?? [];
    if (waiting.length === 0) this.underway.delete(event.stream);
    else this.underway.set(event.stream, waiting);
    const change = event.stream.startsWith(IDENTITY_STREAM_PREFIX)
      ? changeBegun(event as unknown as PersonLinkEvent)
      : undefined;
    if (change === undefined) return;
    const recordedOn = streamRecording(change);
    // That stream moved on before it began: it can never be recorded.
    if ((this.revisions.get(recordedOn) ?? -1n) > BigInt(change.revision)) return;
    const personId = event.stream.slice(IDENTITY_STREAM_PREFIX.length);
    const underway = { personId, change, recordedAt: event.metadata.recordedAt };
    this.underway.set(recordedOn, [...(this.underway.get(recordedOn) ?? []), underway]);
  }

  /** The revision of the person's `identity-` stream read so far (-1 before its first event). */
  revisionOf(personId: string): bigint {
    return this.revisions.get(identityStream(personId)) ?? -1n;
  }

  /** A restore or merge underway that changes `personId` (or anyone merged into them since). */
  changing(personId: string, current: (id: string) => string): ChangeUnderway | undefined {
    for (const changes of this.underway.values()) {
      const changed = changes.find((u) => current(u.personId) === personId);
      if (changed !== undefined) return changed;
    }
    return undefined;
  }
}
