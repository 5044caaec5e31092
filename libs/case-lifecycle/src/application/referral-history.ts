import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseStream } from '../domain/stream-names';

interface PersonReferred {
  readonly caseId: string;
  readonly panelCode: string;
  readonly referredAt: string;
}

const historyStream = (personId: string): string => `personreferrals-${personId}`;

/**
 * Each person's referrals in one small stream. Appending to it with the revision just read
 * serialises referrals of the same person, so two MARAC referrals of one victim sent at the same
 * moment cannot both miss each other when the repeat rule is judged.
 */
export class ReferralHistory {
  constructor(private readonly store: EventStore) {}

  async read(personId: string): Promise<{ referrals: PersonReferred[]; revision: bigint | 'no-stream' }> {
    const events = await this.store.readStream(historyStream(personId));
    const last = events[events.length - 1];
    return {
      referrals: events.map((e) => e.data as PersonReferred),
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
