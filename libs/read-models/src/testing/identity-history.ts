/**
 * Identity's events for the mixed history: records linked to people and their details, splits,
 * restores and merges begun and withdrawn, MARAC cases about to name someone, match proposals and
 * decisions, mostly naming records and pairs written before. Undecided: a split of someone never
 * merged, details of a record never linked. All data is synthetic.
 */
import type { PersonDetails } from '../../../case-lifecycle/src/domain/events/person-events';
import type { MatchLevels } from '../../../identity/src/domain/matching';
import type { MatchEvent, PersonLinkEvent } from '../../../identity/src/domain/person-links';
import { at, CASE_IDS, PEOPLE, pick, type Random } from './mixed-pools';

const details = (random: Random): PersonDetails => ({
  forenames: pick(random, ['Jordan', 'Priya', 'Kofi', 'Niamh']),
  surname: pick(random, ['Okafor', 'Nowak', 'Byrne']),
  aliases: random() < 0.2 ? [{ forenames: 'Jo', surname: 'Smith' }] : [],
  ...(random() < 0.5 ? { dateOfBirth: '1990-0' + (1 + Math.floor(random() * 9)) + '-15' } : {}),
  ...(random() < 0.5 ? { postcode: pick(random, ['N1 1AA', 'E8 2BB']) } : {}),
  identifiers: random() < 0.3 ? { pnc: '2001/0012345X' } : {},
});

const LEVELS = { forename: 'exact', surname: 'exact', dateOfBirth: 'missing' } as unknown as MatchLevels;

/** What the identity context has written so far, so later events mostly name records and pairs that exist. */
export class IdentityWorld {
  private readonly records = new Map<string, string>();
  private readonly proposals: { id: string; pair: [string, string] }[] = [];
  private next = 0;

  event(random: Random): { stream: string; event: PersonLinkEvent | MatchEvent } {
    const occurredAt = at(random);
    const personId = pick(random, PEOPLE);
    const roll = random();
    const known = [...this.records.keys()];
    if (roll < 0.3 || known.length === 0) {
      const recordId = `record-${this.next++}`;
      this.records.set(recordId, personId);
      const data = { personId, recordId, details: details(random), score: 12 + Math.floor(random() * 20) / 4 };
      const event = {
        type: 'person-record-linked',
        data: { ...data, levels: LEVELS, identifierAgreement: random() < 0.3, occurredAt },
      } as const;
      return { stream: `identity-${personId}`, event };
    }
    if (roll < 0.45) {
      const recordId = random() < 0.9 ? pick(random, known) : 'record-never-linked';
      const holder = this.records.get(recordId) ?? personId;
      const changes = pick(random, [
        { postcode: 'SE1 9ZZ' },
        { safeContactNumber: '07700 900123' },
        { surname: 'Reyes' },
      ]);
      const event = {
        type: 'person-record-details-recorded',
        data: { personId: holder, recordId, changes, ...(random() < 0.5 ? { source: 'case-3' } : {}), occurredAt },
      } as const;
      return { stream: `identity-${holder}`, event };
    }
    if (roll < 0.55) {
      const intoPersonId = random() < 0.5 ? pick(random, PEOPLE) : `split-${this.next++}`;
      const recordIds = known.filter((id) => this.records.get(id) === personId && random() < 0.5);
      for (const id of recordIds) this.records.set(id, intoPersonId);
      const caseIds = random() < 0.5 ? [pick(random, CASE_IDS)] : [];
      const restored = random() < 0.4;
      // An unmerge that sorted someone merged in meanwhile to the restored person and another to
      // stay with the survivor (no draw, so every other event is as before).
      const [third, fourth] = PEOPLE.filter((id) => id !== personId && id !== intoPersonId);
      const data = {
        personId,
        intoPersonId,
        restored,
        recordIds,
        caseIds,
        ...(restored && caseIds.length > 0 && third !== undefined && fourth !== undefined
          ? {
              mergedWhileOne: [
                { personId: third, to: intoPersonId, by: 'score' as const },
                { personId: fourth, to: personId, by: 'reviewer' as const },
              ],
            }
          : {}),
        reason: 'Synthetic',
        occurredAt,
      };
      return { stream: `identity-${personId}`, event: { type: 'person-split', data } };
    }
    if (roll < 0.58) return this.restoreStep(random, personId, occurredAt);
    if (roll < 0.6) return this.mergeStep(random, personId, occurredAt);
    if (roll < 0.61) {
      // A MARAC referral's first step, naming a record that exists or not, for a case written or never.
      const namedRecordId = random() < 0.9 ? pick(random, known) : 'record-never-linked';
      const data = { personId, caseId: pick(random, CASE_IDS), panelCode: 'MARAC', namedRecordId, occurredAt };
      return { stream: `identity-${personId}`, event: { type: 'case-naming-begun', data } };
    }
    return this.matchEvent(random, occurredAt);
  }

  /** A merge's first step on one of the two people, or its withdrawal on the review's stream. */
  private mergeStep(
    random: Random,
    personId: string,
    occurredAt: string,
  ): { stream: string; event: PersonLinkEvent | MatchEvent } {
    const proposal = this.proposals.length > 0 ? pick(random, this.proposals) : undefined;
    const proposalId = proposal?.id ?? 'proposal-never-made';
    const personIds = proposal?.pair ?? [personId, pick(random, PEOPLE)];
    if (proposal !== undefined && random() < 0.5) {
      const data = { proposalId, personIds, cause: pick(random, ['failed', 'abandoned'] as const), occurredAt };
      return { stream: `personmatch-${proposalId}`, event: { type: 'merge-withdrawn', data } };
    }
    const data = { personId, proposalId, personIds, reviewRevision: Math.floor(random() * 4), occurredAt };
    return { stream: `identity-${personId}`, event: { type: 'merge-begun', data } };
  }

  /** A restore's first step on the person it gives back to, or its withdrawal on the split-off person's stream. */
  private restoreStep(
    random: Random,
    personId: string,
    occurredAt: string,
  ): { stream: string; event: PersonLinkEvent } {
    const splitOffPersonId = pick(random, PEOPLE);
    if (random() < 0.5) {
      const data = { personId: splitOffPersonId, cause: pick(random, ['failed', 'abandoned'] as const), occurredAt };
      return { stream: `identity-${splitOffPersonId}`, event: { type: 'restore-withdrawn', data } };
    }
    const recordIds = [...this.records.keys()].filter((id) => this.records.get(id) === splitOffPersonId);
    const caseIds = random() < 0.5 ? [pick(random, CASE_IDS)] : [];
    const data = {
      personId,
      splitOffPersonId,
      splitOffRevision: Math.floor(random() * 5),
      recordIds,
      caseIds,
      occurredAt,
    };
    return { stream: `identity-${personId}`, event: { type: 'restore-begun', data } };
  }

  private matchEvent(random: Random, occurredAt: string): { stream: string; event: MatchEvent } {
    const open = this.proposals.length > 0 && random() < 0.7 ? pick(random, this.proposals) : undefined;
    if (open === undefined) {
      const proposal = {
        id: `proposal-${this.next++}`,
        pair: [pick(random, PEOPLE), pick(random, PEOPLE)] as [string, string],
      };
      this.proposals.push(proposal);
      const data = {
        proposalId: proposal.id,
        personIds: proposal.pair,
        score: 9.5,
        levels: LEVELS,
        guards: [],
        occurredAt,
      };
      return { stream: `personmatch-${proposal.id}`, event: { type: 'match-proposed', data } };
    }
    const base = { proposalId: open.id, personIds: open.pair, reason: 'Synthetic review', occurredAt };
    const roll = random();
    if (roll >= 0.9) {
      // Proposed again on newer evidence (a stale proposal): the row takes the new score and order.
      const personIds: [string, string] = [open.pair[1], open.pair[0]];
      const data = { proposalId: open.id, personIds, score: 3.25, levels: LEVELS, guards: [], occurredAt };
      return { stream: `personmatch-${open.id}`, event: { type: 'match-proposed', data } };
    }
    const event: MatchEvent =
      roll < 0.45
        ? {
            type: 'match-confirmed',
            data: {
              ...base,
              survivorId: open.pair[0],
              mergedId: open.pair[1],
              ...(random() < 0.7 ? { registeredAt: { [open.pair[0]]: 1, [open.pair[1]]: 2 } } : {}),
            },
          }
        : roll < 0.8
          ? { type: 'match-rejected', data: base }
          : { type: 'match-reopened', data: { ...base, previously: pick(random, ['confirmed', 'rejected'] as const) } };
    return { stream: `personmatch-${open.id}`, event };
  }
}
