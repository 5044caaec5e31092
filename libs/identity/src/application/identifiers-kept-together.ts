import { forbidden, invalid, Rejection, type RejectionDetail } from '../../../command-handling/src/rejections';
import type { Principal } from '../../../platform/src/auth/principal';
import type { IdentifierKind } from '../domain/identifiers';
import {
  IDENTITY_RULES,
  identifiersParted,
  onYourPanels,
  partedDespite,
  type PartedGroup,
} from '../domain/person-links';
import type { IndexedPerson, IndexedRecord } from './person-index.query';
import type { RestoreSorting } from './records-linked-while-merged';
import type { SplitScope } from './split-within-panels';

/** An unmerge: the person restored and where the records and people linked or merged in meanwhile go. */
export interface Unmerge {
  readonly restored: IndexedPerson;
  readonly sorting: RestoreSorting;
}

/**
 * Refuses a split that would leave one valid identifier value on records on both sides
 * (`identifiersParted`), before anything is recorded. A reviewer naming part of such a group was
 * only warned before: the value then stood on two people, and the matcher registered the next
 * referral carrying it as a third. The refusal names the kinds and the records that go together,
 * only those the caller's panels brought in, never the value. A reviewer may state the kinds it
 * parts were recorded in error (`identifiersInError`, `partedDespite`): the split then goes through.
 */
export function requireIdentifiersKeptTogether(
  principal: Principal,
  person: IndexedPerson,
  request: SplitScope & { readonly identifiersInError?: readonly IdentifierKind[] },
  unmerge: Unmerge | undefined,
): void {
  const parted = identifiersParted(sidesOf(person, request, unmerge));
  const { stillParted, notParted } = partedDespite(parted, request.identifiersInError ?? []);
  if (notParted.length > 0) throw statedOfNothingParted(notParted);
  if (stillParted.length > 0) throw refusal(principal, person, stillParted, unmerge?.restored.personId);
  const excused = parted.filter((group) => !stillParted.includes(group));
  if (excused.some((group) => includesRecordNotShown(principal, person, group))) throw statedBeyondYourPanels();
}

/**
 * Stating that a value was recorded in error is a statement about every record carrying it: a
 * coordinator may make it only about records their own panels brought in. Otherwise the 409 told
 * them a coordinator of the other panels must make the split, and the statement let them make it
 * anyway. The refusal names no record, case or panel that is not theirs.
 */
const statedBeyondYourPanels = () =>
  forbidden(
    'split-within-your-panels',
    'some records carrying the identifiers you state were recorded in error are held for panels other than yours: a coordinator of those panels, or an admin, must make this split. Nothing was recorded',
  );

const shownTo = (principal: Principal) => {
  const ours = onYourPanels(principal);
  return (record: IndexedRecord) => ours(record.sourcePanel);
};

function includesRecordNotShown(principal: Principal, person: IndexedPerson, group: PartedGroup): boolean {
  const shown = shownTo(principal);
  return [...group.moving, ...group.staying].some((id) => person.records.some((r) => r.recordId === id && !shown(r)));
}

/** A statement of error must be about what this split does, or the audit trail says more than happened. */
export function statedOfNothingParted(kinds: readonly IdentifierKind[]) {
  return invalid(
    'identifiersInError',
    IDENTITY_RULES.identifierInErrorParted,
    `identifiersInError names ${kinds.join(', ')}, but this split leaves no value of ${kinds.length === 1 ? 'that kind' : 'those kinds'} on records on both sides: name only the kinds the 409 records-share-an-identifier named`,
  );
}

function sidesOf(person: IndexedPerson, request: SplitScope, unmerge: Unmerge | undefined) {
  const named = new Set(request.recordIds ?? []);
  if (unmerge === undefined)
    return person.records.map((r) => ({
      recordId: r.recordId,
      identifiers: r.details.identifiers,
      moves: named.has(r.recordId),
    }));
  const { restored, sorting } = unmerge;
  const theirs = new Set(restored.records.map((r) => r.recordId));
  const sorted = [
    ...sorting.linkedWhileMerged.map((s) => ({ ids: [s.recordId], goesBack: s.goesBack })),
    ...sorting.mergedWhileOne.map((p) => ({ ids: p.recordIds, goesBack: p.goesBack })),
  ];
  const wasSorted = new Set(sorted.flatMap((s) => s.ids));
  const back = new Set([...theirs, ...named, ...sorted.filter((s) => s.goesBack).flatMap((s) => s.ids)]);
  return person.records.map((r) => ({
    recordId: r.recordId,
    identifiers: r.details.identifiers,
    moves: back.has(r.recordId),
    // Theirs before the merge goes back; the survivor's own stay unless named.
    fixed: theirs.has(r.recordId) || (!wasSorted.has(r.recordId) && !back.has(r.recordId)),
  }));
}

function refusal(principal: Principal, person: IndexedPerson, parted: readonly PartedGroup[], restoredId?: string) {
  const rule = IDENTITY_RULES.recordsShareAnIdentifier;
  const shown = shownTo(principal);
  const held = new Set(person.cases.map((c) => c.caseId));
  const described = (ids: readonly string[]) => {
    const records = ids.flatMap((id) => person.records.find((r) => r.recordId === id) ?? []);
    const named = records.filter(shown).map((r) => {
      const ownCase = !r.forPerpetrator && r.sourceCaseId !== null && held.has(r.sourceCaseId);
      return ownCase ? `record ${r.recordId} (case ${r.sourceCaseId})` : `record ${r.recordId}`;
    });
    if (records.some((r) => !shown(r))) named.push('records held for panels other than yours');
    return named.join(', ');
  };
  const goes = restoredId === undefined ? 'moves to a new person' : `sends back to ${restoredId}`;
  const details: RejectionDetail[] = parted.map((group) => ({
    field: 'recordIds',
    rule,
    message: `${described(group.moving)}, which this split ${goes}, and ${described(group.staying)}, which it leaves with this person, carry one valid ${group.kinds.join(', ')}: move all of them or none`,
  }));
  const hidden = parted.some((g) => includesRecordNotShown(principal, person, g));
  const parts = [
    'records that carry one valid identifier value (PNC ID, CRO, NHS number, NOMS or CRN) are one person’s, and this split would leave the value on both people, so the matcher would link their next referral to neither',
    ...details.map((d) => d.message),
    `Send the split again naming all of each group in recordIds (with the cases their referrals opened in caseIds), or none of them${restoredId === undefined ? '' : ` (those ${restoredId} held before the merge go back whatever is named)`}. If the value was recorded in error on the records on one side (his PNC ID typed as hers), send it again with identifiersInError naming those kinds: the split then goes through, and its event records the kinds you stated`,
  ];
  if (hidden)
    parts.push(
      'some of them are held for panels other than yours: a coordinator of those panels, or an admin, must make this split, also one stating a value was recorded in error',
    );
  return new Rejection('conflict', rule, `${parts.join('. ')}. Nothing was recorded`, details);
}
