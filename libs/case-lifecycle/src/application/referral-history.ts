import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseStream } from '../domain/stream-names';
import type { CasesOfPerson } from './person-resolution/case-homes';

interface PersonReferred {
  readonly caseId: string;
  readonly panelCode: string;
  readonly referredAt: string;
}

/** A referral as read back: when it was noted (the server's clock), so a case not yet opened can be aged. */
export interface NotedReferral extends PersonReferred {
  readonly notedAt: string;
}

const historyStream = (personId: string): string => `personreferrals-${personId}`;

const isPlacing = (of: readonly string[] | CasesOfPerson): of is CasesOfPerson => !Array.isArray(of);

/** Notes of cases still this person's, and of cases not opened yet (placed by their note until then). */
const heldNow = (noted: readonly RecordedEvent[], { cases, known }: CasesOfPerson): RecordedEvent[] =>
  noted.filter((e) => {
    const { caseId } = e.data as PersonReferred;
    return cases.has(caseId) || !known(caseId);
  });

const byPosition = (a: RecordedEvent, b: RecordedEvent): number => (a.position < b.position ? -1 : 1);

/**
 * Each person's referrals in one small stream. Appending to it with the revision just read
 * serialises referrals of the same person, so two MARAC referrals of one victim sent at the same
 * moment cannot both miss each other when the repeat rule is judged.
 *
 * A merge rewrites nothing, so the referrals of a person merged into another stay in the merged
 * person's stream: a person's history is the union of the streams of every id that stands for
 * them now. A split rewrites nothing either: given where each case is now (`CasesOfPerson`), a
 * note of a case since moved to someone else is left out, and a case moved to this person is read
 * from its own stream, so each case counts for the person it is about now, restoring or not.
 */
export class ReferralHistory {
  constructor(private readonly store: EventStore) {}

  /**
   * The referrals of the person `personId` stands for, in the order they were recorded, and the
   * revision of `personId`'s own stream: the one the next referral is noted in. `of` is the
   * resolver's `casesOf` (cases placed as they are now), or only its `idsStandingFor` (the notes on
   * those ids' streams, wherever splits have since moved their cases); without it, `personId`'s own.
   */
  async read(
    personId: string,
    of: readonly string[] | CasesOfPerson = [],
  ): Promise<{ referrals: NotedReferral[]; revision: bigint | 'no-stream' }> {
    const placed = isPlacing(of) ? of : undefined;
    const others = [...new Set(placed?.ids ?? (of as readonly string[]))].filter((id) => id !== personId);
    const [own = [], ...merged] = await Promise.all(
      [personId, ...others].map((id) => this.store.readStream(historyStream(id))),
    );
    const last = own[own.length - 1];
    const noted = merged.length === 0 ? own : [own, ...merged].flat();
    const recorded = placed === undefined ? noted : [...heldNow(noted, placed), ...(await this.movedIn(noted, placed))];
    return {
      referrals: recorded
        .sort(byPosition)
        .map((e) => ({ ...(e.data as PersonReferred), notedAt: e.metadata.recordedAt })),
      revision: last === undefined ? 'no-stream' : last.revision,
    };
  }

  /** Cases split onto the person whose notes are on someone else's stream: their opening says it. */
  private async movedIn(noted: readonly RecordedEvent[], { cases }: CasesOfPerson): Promise<RecordedEvent[]> {
    const onStreams = new Set(noted.map((e) => (e.data as PersonReferred).caseId));
    const elsewhere = [...cases].filter((caseId) => !onStreams.has(caseId));
    const opened = await Promise.all(
      elsewhere.map(async (caseId) => {
        const [made] = await this.store.readStream(caseStream(caseId), { maxCount: 1 });
        if (made?.type !== 'referral-made') return undefined;
        const { panelCode, occurredAt } = made.data as { panelCode: string; occurredAt: string };
        return { ...made, data: { caseId, panelCode, referredAt: occurredAt } satisfies PersonReferred };
      }),
    );
    return opened.filter((e): e is NonNullable<typeof e> => e !== undefined);
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
