import type { MatchResult, PersonCandidate } from './match-result';
import type { ProposalFacts } from './review-proposals';

/**
 * The matcher's result once what is known of the candidates is weighed: a record that links to
 * two people who are known to be two (a reviewer split one off the other or rejected them as one,
 * a MARAC case about one names the other as perpetrator, or their identifiers differ) is not
 * linked to either. The matcher would pick the stronger, or
 * the one indexed first on a tie, and put one person's referral, address and history in the
 * other's file with no reviewer seeing the choice. It becomes a review instead: the record is
 * registered as someone new and proposed against each of them (`reviewProposals`).
 *
 * Only when the record is about as close to the other as to the stronger: when the stronger's score
 * beats the other's by the link threshold or more, that margin is itself link-strength evidence
 * for the stronger (a record just like the one a reviewer split off joins the person split off,
 * not the person it was split from).
 *
 * The same when the stronger's link rests on an equal identifier the other also carries, linkable
 * or not: a reviewer who split the two stating that value was recorded in error on one side (his
 * PNC ID typed as hers) left it on both, so it no longer says whose the record is. Only the rest
 * of the record can, by the same margin; otherwise the value would decide between them on the
 * strength of a little corroboration with one and not quite enough with the other.
 *
 * Two linkable people NOT known to be two are left to the matcher (link the stronger, propose the
 * other beside the link): they are usually one person recorded twice, and on FEBRL dataset3
 * holding every such record back split people over more and more records, taking recall with
 * review from 98.41% to 97.14%, under the 98% goal. An equal identifier with the stronger person
 * still decides when the other lacks one.
 */
export function weighKeptApart(result: MatchResult, facts: ProposalFacts, linkThreshold: number): MatchResult {
  const [best, ...others] = result.candidates;
  if (result.decision !== 'link' || best === undefined) return result;
  const rival = (other: PersonCandidate): boolean =>
    ((other.outcome === 'link' && other.identifierAgreement === best.identifierAgreement) ||
      (best.identifierAgreement && carriesTheIdentifier(other))) &&
    best.score - other.score < linkThreshold &&
    (facts.rejectedBefore(best.personId, other.personId) || facts.identifiersConflict(best.personId, other.personId));
  return others.some(rival) ? { ...result, decision: 'review' } : result;
}

/** The record agrees on a valid identifier with one of the candidate's records, corroborated or not. */
const carriesTheIdentifier = (candidate: PersonCandidate): boolean =>
  candidate.identifierAgreement || candidate.guards.includes('uncorroborated-identifier');
