import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { loadCase } from '../../../case-lifecycle/src/application/case-command';
import { mayWorkOnPanel } from '../../../case-lifecycle/src/application/panel-access';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { cohortProjection } from '../../../case-lifecycle/src/projections/cohort.projection';

/** What a disclosure is about: a case (and its person), or a person alone. */
export interface DisclosureSubject {
  readonly caseId: string | null;
  readonly personId: string | null;
}

const CATCH_UP_MS = 2_000;

/**
 * Who may see what a disclosure is about, by the rules the case view uses: a case is its panel's
 * (`mayWorkOnPanel`); a person alone is theirs who have (or had) a case for them on one of their
 * panels. Disclosing, revoking and reading the register all ask here, so the three agree.
 */
@Injectable()
export class SubjectReaders {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly people: PersonIndexQuery,
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress?: ReadModelProgress | null,
  ) {}

  /**
   * For one reader over many entries (a register page): each case and person is judged once.
   * The case's panel comes from the cohort, else from its stream (a case the cohort has not seen).
   */
  forReader(principal: Principal): (subject: DisclosureSubject) => Promise<boolean> {
    const cases = new Map<string, Promise<boolean>>();
    const people = new Map<string, boolean>();
    return (subject) => {
      if (subject.caseId !== null) {
        const caseId = subject.caseId;
        let sees = cases.get(caseId);
        if (sees === undefined) {
          sees = this.casePanel(caseId).then((panel) => mayWorkOnPanel(principal, panel));
          cases.set(caseId, sees);
        }
        return sees;
      }
      if (subject.personId === null) return Promise.resolve(false);
      const personId = subject.personId;
      let knows = people.get(personId);
      if (knows === undefined) {
        knows = this.personOnPanels(personId, principal);
        people.set(personId, knows);
      }
      return Promise.resolve(knows);
    };
  }

  /** As `forReader`, for a command: the case from its stream, a person after the read models catch up. */
  async maySeeNow(subject: DisclosureSubject, principal: Principal): Promise<boolean> {
    if (subject.caseId !== null) {
      return mayWorkOnPanel(principal, (await loadCase(this.store, subject.caseId)).panelCode);
    }
    return subject.personId !== null && this.knowsPerson(subject.personId, principal);
  }

  /**
   * A person is the reader's when one of their panels has (or had) a case for them: through the
   * person index (which follows merges), or the cohort while the index catches up. The cohort may
   * lag a referral made a moment ago, so a command lets it catch up with the log once.
   */
  async knowsPerson(personId: string, principal: Principal): Promise<boolean> {
    if (this.personOnPanels(personId, principal)) return true;
    if (this.progress === undefined || this.progress === null) return false;
    await this.progress.waitUntilProcessed(await this.store.headPosition(), CATCH_UP_MS);
    return this.personOnPanels(personId, principal);
  }

  private personOnPanels(personId: string, principal: Principal): boolean {
    return (
      (this.people.person(personId)?.cases.some((c) => mayWorkOnPanel(principal, c.panel)) ?? false) ||
      this.readModels
        .statement<string, [string]>(
          cohortProjection.name,
          (t) => `SELECT DISTINCT panel FROM ${t.table('cases')} WHERE person_id = ?`,
        )
        .pluck()
        .all(personId)
        .some((panel) => mayWorkOnPanel(principal, panel))
    );
  }

  private async casePanel(caseId: string): Promise<string> {
    const panel = this.readModels
      .statement<string, [string]>(
        cohortProjection.name,
        (t) => `SELECT panel FROM ${t.table('cases')} WHERE case_id = ?`,
      )
      .pluck()
      .get(caseId);
    if (panel !== undefined) return panel;
    return (await loadCase(this.store, caseId)).panelCode;
  }
}
