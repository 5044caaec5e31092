import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { loadCase } from '../../../case-lifecycle/src/application/case-command';
import { mayWorkOnPanel } from '../../../case-lifecycle/src/application/panel-access';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { cohortProjection } from '../../../case-lifecycle/src/projections/cohort.projection';
import { PERSON_INDEX } from '../../../identity/src/projections';

/** What a disclosure is about: a case (and its person), or a person alone. */
export interface DisclosureSubject {
  readonly caseId: string | null;
  readonly personId: string | null;
}

/** A register entry's subject, with the panel its discloser acted for (null: recorded before it was kept). */
export interface EntrySubject extends DisclosureSubject {
  readonly panel: string | null;
}

/**
 * An entry about a person alone is for the members of the panel its discloser acted for, not for
 * every panel with a case on the person: IOM holding a case on a MARAC victim is no need to know
 * MARAC's reasons. One recorded without a panel takes the panel the register infers for it
 * (disclosures.projection.ts); where none fits it belongs to none (its recorder, recipient,
 * auditors and admins still see it).
 */
const seesPersonEntry = (principal: Principal, panel: string | null): boolean =>
  panel !== null && mayWorkOnPanel(principal, panel);

const CATCH_UP_MS = 2_000;

/**
 * Who may see what a disclosure is about, by the rules the case view uses: a case is its panel's
 * (`mayWorkOnPanel`); a person alone may be disclosed by those who have (or had) a case for them on
 * one of their panels, and an entry about them is for the panel the discloser acted for.
 * Disclosing and revoking ask here; reading the register applies the same rule to the panel the
 * register keeps for each entry (register-readings.ts).
 */
@Injectable()
export class SubjectReaders {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly people: PersonIndexQuery,
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress?: ReadModelProgress | null,
  ) {}

  /** Whether the principal may see an entry's subject now: the case from its stream. */
  async maySeeNow(subject: EntrySubject, principal: Principal): Promise<boolean> {
    if (subject.caseId !== null) {
      return mayWorkOnPanel(principal, (await loadCase(this.store, subject.caseId)).panelCode);
    }
    return seesPersonEntry(principal, subject.panel);
  }

  /**
   * A person is the reader's when one of their panels has (or had) a case for them: through the
   * person index (which follows merges), or the cohort while the index catches up. The cohort may
   * lag a referral made a moment ago, so a command lets it catch up with the log once.
   */
  async knowsPerson(personId: string, principal: Principal): Promise<boolean> {
    return this.personOnPanel(personId, (panel) => mayWorkOnPanel(principal, panel));
  }

  /** Whether this panel has (or had) a case for the person, by the same sources as `knowsPerson`. */
  async panelKnowsPerson(personId: string, panelCode: string): Promise<boolean> {
    return this.personOnPanel(personId, (panel) => panel.toUpperCase() === panelCode.toUpperCase());
  }

  private async personOnPanel(personId: string, counts: (panel: string) => boolean): Promise<boolean> {
    if (this.panelsOf(personId).some(counts)) return true;
    if (this.progress === undefined || this.progress === null) return false;
    await this.progress.waitUntilProcessed(await this.store.headPosition(), CATCH_UP_MS, [
      PERSON_INDEX,
      cohortProjection.name,
    ]);
    return this.panelsOf(personId).some(counts);
  }

  private panelsOf(personId: string): string[] {
    return [
      ...(this.people.person(personId)?.cases.map((c) => c.panel) ?? []),
      ...this.readModels
        .statement<string, [string]>(
          cohortProjection.name,
          (t) => `SELECT DISTINCT panel FROM ${t.table('cases')} WHERE person_id = ?`,
        )
        .pluck()
        .all(personId),
    ];
  }
}
