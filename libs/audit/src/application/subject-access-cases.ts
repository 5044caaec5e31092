import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { AuditTrailQuery, HeldNow } from '../projections/audit-trail.query';
import { recordedPerpetrator } from './perpetrator-records';

export type HeldCase = ReturnType<AuditTrailQuery['casesOf']>[number];

/** The ids that stand for the person in one case (`ids`), and those of them shown as theirs (`shown`). */
export interface CaseIds {
  readonly ids: ReadonlySet<string>;
  readonly shown: ReadonlySet<string>;
}

/**
 * Who the person is in a case that only names them. The referral recorded its perpetrator's id;
 * the person index says who the case names as perpetrator now (a split of his wrongly linked record
 * moves the naming to a new person). The recorded id stands for whoever the index names: it picks
 * his parts out of the case's events but is not shown (it is the other person's id); the person
 * it was moved off is no longer that perpetrator. Before the index is built, the record stands.
 */
export function idsInCase(
  caseId: string,
  referral: RecordedEvent | undefined,
  ids: ReadonlySet<string>,
  now: HeldNow | undefined,
): CaseIds {
  const recorded = recordedPerpetrator(referral);
  if (now === undefined || recorded === undefined) return { ids, shown: ids };
  const namedNow = now.namedOn.has(caseId);
  if (namedNow && !ids.has(recorded)) return { ids: new Set([...ids, recorded]), shown: ids };
  if (!namedNow && ids.has(recorded)) {
    const own = new Set([...ids].filter((id) => id !== recorded));
    return { ids: own, shown: own };
  }
  return { ids, shown: ids };
}

/**
 * The cases of a report as the person holds them now. The trail knows each case's people as its
 * referral named them; a split since may have moved a case to someone else (it is then theirs,
 * and this person is at most named in it) or to this person from someone else. Before the person
 * index is built, the trail's roles stand.
 */
export function casesNow(named: readonly HeldCase[], now: HeldNow | undefined): HeldCase[] {
  if (now === undefined) return [...named];
  const held: HeldCase[] = [...now.about].map(([caseId, panel]) => ({ caseId, panel, role: 'subject' }));
  for (const c of named) {
    if (now.about.has(c.caseId)) continue;
    // Named in it by someone else's referral, or as its perpetrator: still named. Its subject once, moved away: not theirs.
    if (c.role === 'named' || now.namedOn.has(c.caseId)) held.push({ ...c, role: 'named' });
  }
  // Named as perpetrator since a split moved his record (and the naming) to them: the trail's people
  // of a case are the referral's.
  for (const [caseId, panel] of now.namedOn)
    if (!held.some((c) => c.caseId === caseId)) held.push({ caseId, panel, role: 'named' });
  return held.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}
