import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';

/** Said in every legacy entry written here, so a test can find it in a view. */
export const LEGACY_REASON = 'Victim in refuge at Elm House since March';

/** The agreement legacy entries cite (unsigned: who may know of an entry does not read it). */
export const LEGACY_DSA_ID = '0f6c1a52-3c1e-4c55-9a57-8d1f5e7b2a10';

/**
 * An `information-withheld` event as written before entries named their `panel`, appended
 * straight to the log (no route writes one any more). Synthetic: the council asked where she lives.
 * It cites an agreement, as entries then could, so who may know of it follows its panel; one citing
 * none is known, of its panel, only to the disclosing agency (register-visibility.ts).
 */
export async function appendLegacyWithheld(
  store: EventStore,
  recorder: Actor,
  subject: { readonly personId: string; readonly caseId: string | null },
): Promise<{ disclosureId: string; position: bigint }> {
  return appendStraightToLog(store, recorder, 'information-withheld', (disclosureId, at) => ({
    disclosureId,
    ...subject,
    fromAgency: recorder.agency,
    toAgency: 'Haringey Council',
    toUser: null,
    fields: ['address'],
    documents: [],
    purpose: 'The council asked where she lives',
    occurredAt: at,
    reason: LEGACY_REASON,
    lawfulBasis: null,
    dsaId: LEGACY_DSA_ID,
    consent: null,
  }));
}

/**
 * An `information-shared` event about a person alone as written before entries kept the records
 * behind each field they gave out (no `personRecordIds`, no `recordsBehindFields`), appended
 * straight to the log. Synthetic: the council was told where she lives, for a MARAC home visit.
 */
export async function appendShareWithoutRecords(
  store: EventStore,
  recorder: Actor,
  share: {
    readonly personId: string;
    readonly panel: string;
    readonly toAgency: string;
    readonly dsaId: string;
    readonly fields: readonly string[];
  },
): Promise<{ disclosureId: string; position: bigint }> {
  return appendStraightToLog(store, recorder, 'information-shared', (disclosureId, at) => ({
    disclosureId,
    personId: share.personId,
    caseId: null,
    panel: share.panel,
    fromAgency: recorder.agency,
    toAgency: share.toAgency,
    toUser: null,
    fields: share.fields,
    documents: [],
    purpose: 'Home visit planning',
    occurredAt: at,
    lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task' },
    dsaId: share.dsaId,
    consent: { given: true },
    expiresAt: null,
  }));
}

/**
 * An `information-shared` event about a case as written before entries named their `panel` or kept
 * the records behind each field, appended straight to the log. Synthetic: the council was told how
 * the case stood, for a home visit.
 */
export async function appendCaseShareWithoutPanel(
  store: EventStore,
  recorder: Actor,
  share: {
    readonly caseId: string;
    readonly personId: string;
    readonly toAgency: string;
    readonly dsaId: string;
    readonly fields: readonly string[];
  },
): Promise<{ disclosureId: string; position: bigint }> {
  return appendStraightToLog(store, recorder, 'information-shared', (disclosureId, at) => ({
    disclosureId,
    personId: share.personId,
    caseId: share.caseId,
    fromAgency: recorder.agency,
    toAgency: share.toAgency,
    toUser: null,
    fields: share.fields,
    documents: [],
    purpose: 'Home visit planning',
    occurredAt: at,
    lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task' },
    dsaId: share.dsaId,
    consent: { given: true },
    expiresAt: null,
  }));
}

/**
 * Appends one event of `type` to a new disclosure's stream as `recorder`, recorded now, as no route
 * would write it any more; `dataOf` gives its data from the new entry's id and the time.
 */
async function appendStraightToLog(
  store: EventStore,
  recorder: Actor,
  type: string,
  dataOf: (disclosureId: string, at: string) => Record<string, unknown>,
): Promise<{ disclosureId: string; position: bigint }> {
  const at = new Date().toISOString();
  const disclosureId = randomUUID();
  const { position } = await store.append(
    `disclosure-${disclosureId}`,
    [
      {
        id: randomUUID(),
        type,
        data: dataOf(disclosureId, at),
        metadata: {
          actor: recorder,
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt: at,
          recordedAt: at,
          schemaVersion: 1,
        },
      },
    ],
    { expected: 'no-stream' },
  );
  return { disclosureId, position };
}
