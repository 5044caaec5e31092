import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import {
  IDENTITY_STREAM_PREFIX,
  identityStream,
  type RestoreBegun,
} from '../../../../identity/src/domain/person-links';
import { ABANDONED_CLAIM_AFTER_MS } from './abandoned-claims';

/**
 * How long a restore begun and not recorded holds back links to the people it gives back to. It
 * is recorded milliseconds after it began; a process that stops between the two leaves it
 * underway, and past this age the next referral that would link to one of them withdraws it. As
 * with key claims, a clock running ahead only withdraws a live restore early, which then fails
 * (409 person-changed) rather than being recorded beside a link.
 */
export const ABANDONED_RESTORE_AFTER_MS = ABANDONED_CLAIM_AFTER_MS;

/** A restore begun (`restore-begun`) and not yet recorded or settled as never to be. */
export interface RestoreUnderway {
  /** Whom it gives something back to, as they were when it began. */
  readonly personId: string;
  readonly splitOffPersonId: string;
  readonly splitOffRevision: number;
  /** Server clock when it began: one a stopped process left unfinished is taken over after a while. */
  readonly recordedAt: string;
}

/**
 * What a resolver has read of each person's `identity-` stream: the revision a link scored on what
 * they hold expects, and the restores begun on it still underway. A restore is recorded on the
 * split-off person's stream right after its `restore-begun`; until it is, what the person holds is
 * about to change, so no record is linked to them on what they hold now. It is settled once
 * anything is recorded on the split-off person's stream after the revision it expects: the restore
 * itself, or whatever made it fail.
 */
export class IdentityStreams {
  private readonly revisions = new Map<string, bigint>();
  private readonly underway = new Map<string, RestoreUnderway[]>();

  apply(event: RecordedEvent): void {
    if (!event.stream.startsWith(IDENTITY_STREAM_PREFIX)) return;
    this.revisions.set(event.stream, event.revision);
    const personId = event.stream.slice(IDENTITY_STREAM_PREFIX.length);
    const waiting = this.underway.get(personId)?.filter((r) => BigInt(r.splitOffRevision) >= event.revision) ?? [];
    if (waiting.length === 0) this.underway.delete(personId);
    else this.underway.set(personId, waiting);
    if (event.type !== 'restore-begun') return;
    const { personId: onto, splitOffPersonId, splitOffRevision } = event.data as RestoreBegun['data'];
    // The split-off person's stream moved on before it began: it can never be recorded.
    if (this.revisionOf(splitOffPersonId) > BigInt(splitOffRevision)) return;
    const restore = { personId: onto, splitOffPersonId, splitOffRevision, recordedAt: event.metadata.recordedAt };
    this.underway.set(splitOffPersonId, [...(this.underway.get(splitOffPersonId) ?? []), restore]);
  }

  /** The revision of the person's `identity-` stream read so far (-1 before its first event). */
  revisionOf(personId: string): bigint {
    return this.revisions.get(identityStream(personId)) ?? -1n;
  }

  /** A restore underway that gives something back to `personId` (or to anyone merged into them since). */
  restoreOnto(personId: string, current: (id: string) => string): RestoreUnderway | undefined {
    for (const restores of this.underway.values()) {
      const onto = restores.find((r) => current(r.personId) === personId);
      if (onto !== undefined) return onto;
    }
    return undefined;
  }
}
