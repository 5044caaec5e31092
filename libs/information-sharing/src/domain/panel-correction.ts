/**
 * An admin's correction of the panel a person-only register entry is for. Who may know of such
 * an entry follows its panel, and entries recorded before panels were kept only have one the
 * register inferred (or none), so a wrong or missing panel shows a reason to the wrong panel's
 * members or hides it from the right ones. A correction is a new event, never an edit.
 */
import type { DomainEvent } from '../../../command-handling/src/decider';
import { conflict, invalid, notFound } from '../../../command-handling/src/rejections';
import type { DisclosureState } from './disclosure-state';

export type DisclosurePanelCorrected = DomainEvent<
  'disclosure-panel-corrected',
  {
    readonly disclosureId: string;
    /** Who the entry is about, so the audit trail files the correction under them. */
    readonly personId: string | null;
    /** Upper case, as entries record it; checked against the panel registry by the application. */
    readonly panel: string;
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

export interface CorrectDisclosurePanel {
  readonly type: 'correct-disclosure-panel';
  readonly panel: string;
  readonly reason: string;
  readonly occurredAt: string;
}

/**
 * Only an entry about a person alone has a panel of its own to correct: an entry about a case is
 * its case's panel's, whatever it says. A panel the entry's own events already settle on (recorded
 * or corrected) is no correction; an inferred one may be confirmed, which makes it settled.
 */
export function correctPanel(command: CorrectDisclosurePanel, state: DisclosureState): DisclosurePanelCorrected[] {
  if (!state.exists) throw notFound('disclosure-exists', 'no such disclosure');
  const reason = command.reason.trim();
  if (reason === '') throw invalid('reason', 'reason-required', 'say why the panel is corrected');
  if (state.caseId !== null)
    throw conflict('person-only-entry', `the entry is about case ${state.caseId}: its panel is the case's`);
  if (state.panel === command.panel) throw conflict('different-panel', `the entry is already ${command.panel}'s`);
  return [
    {
      type: 'disclosure-panel-corrected',
      data: {
        disclosureId: state.disclosureId,
        personId: state.personId,
        panel: command.panel,
        reason,
        occurredAt: command.occurredAt,
      },
    },
  ];
}
