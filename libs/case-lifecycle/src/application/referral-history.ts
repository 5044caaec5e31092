import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseStream } from '../domain/stream-names';

interface PersonReferred {
  readonly caseId: string;
  readonly panelCode: string;
  readonly referredAt: string;
}

const historyStream = (personId: string): string => `personreferrals-${personId}`;

const byPosition = (a: RecordedEvent, b: RecordedEvent): number => (a.position < b.position ? -1 : 1);

/**
 * Each person's referrals in one small stream. Appending to it with the revision just read
 * serialises referrals of the same person, so two MARAC referrals of one victim sent at the same
 * moment cannot both miss each other when the repeat rule is judged.
 *
 * A merge rewrites nothing, so the referrals of a person merged into another stay in the merged
 * person's stream: a person's history is the union of the streams of every id that stands for
 * them now, and a split that restores a merged person gives each their own stream back.
 */
export class ReferralHistory {
  constructor(private readonly store: EventStore) {}

  /**
   * The referrals noted under `personId` and every id in `idsOfPerson` (from the person resolver's
   * `idsStandingFor`), in the order they were recorded, and the revision of `personId`'s own
   * stream: the one the next referral is noted in. Without `idsOfPerson`, only `personId`'s own.
   */
  async read(
    personId: string,
    idsOfPerson: readonly string[] = [],
  ): Promise<{ referrals: PersonReferred[]; revision: bigint | 'no-stream' }> {
    const others = [...new Set(idsOfPerson)].filter((id) => id !== personId);
    const [own = [], ...merged] = await Promise.all(
      [personId, ...others].map((id) => this.store.readStream(historyStream(id))),
    );
    const last = own[own.length - 1];
    const recorded = merged.length === 0 ? own : [own, ...merged].flat().sort(byPosition);
    return {
      referrals: recorded.map((e) => e.data as PersonReferred),
      revision: last === undefined ? 'no-stream' : last.revision,
    };
  }

  /** The latest earlier referral to the panel whose case was actually opened. */
  async lastReferralTo(
    referrals: readonly PersonReferred[],
    panelCode: string,
    before: string,
  ): Promise<string | undefined> {
    const earlier = referrals
      .filter((r) => r.panelCode === panelCode && Date.parse(r.referredAt) <= Date.parse(before))
      .sort((a, b) => Date.parse(b.referredAt) - Date.parse(a.referredAt));
    for (const referral of earlier) {
      // A crash between noting the referral and opening the case would leave a note without a case.
      const [opened] = await this.store.readStream(caseStream(referral.caseId), { maxCount: 1 });
      if (opened !== undefined) return referral.referredAt;
    }
    return undefined;
  }

  async note(
    personId: string,
    referral: PersonReferred,
    revision: bigint | 'no-stream',
    context: CommandContext,
  ): Promise<void> {
    await this.store.append(
      historyStream(personId),
      toEventsToAppend([{ type: 'person-referred', data: referral }], { ...context, eventId: () => randomUUID() }),
      { expected: revision },
    );
  }
}
