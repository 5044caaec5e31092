import { createHash } from 'node:crypto';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../../command-handling/src/handle-command';
import { EventIdConflictError, WrongExpectedRevisionError } from '../../../../event-store/src/port/errors';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import {
  IDENTIFIER_KINDS,
  normaliseIdentifier,
  type IdentifierKind,
} from '../../../../identity/src/domain/identifiers';
import type { ReferredPerson } from './person-resolver';
import { stepContext } from './resolution-ids';

export interface PersonKey {
  readonly kind: IdentifierKind | 'name-and-date-of-birth';
  /** Stream that records which person holds this key; the key itself is hashed, never stored in clear. */
  readonly stream: string;
}

const normaliseName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

const keyStream = (key: string): string => `personkey-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

/** The identifier as text, or undefined: a null from input no DTO checked is no identifier, not a crash. */
const identifierOf = (person: ReferredPerson, kind: IdentifierKind): string | undefined => {
  const value: unknown = person.identifiers?.[kind];
  return typeof value === 'string' ? value : undefined;
};

/** Identifiers first (strongest), then identical normalised name + date of birth. */
export function personKeys(person: ReferredPerson): PersonKey[] {
  const keys: PersonKey[] = [];
  for (const kind of IDENTIFIER_KINDS) {
    const value = normaliseIdentifier(kind, identifierOf(person, kind));
    if (value !== undefined) keys.push({ kind, stream: keyStream(`${kind}:${value}`) });
  }
  const name = `${normaliseName(person.forenames)}|${normaliseName(person.surname)}`;
  keys.push({ kind: 'name-and-date-of-birth', stream: keyStream(`name-dob:${name}|${person.dateOfBirth}`) });
  return keys;
}

/** Valid identifiers in canonical form, for comparing two people. */
export function canonicalIdentifiers(person: ReferredPerson): Partial<Record<IdentifierKind, string>> {
  const result: Partial<Record<IdentifierKind, string>> = {};
  for (const kind of IDENTIFIER_KINDS) {
    const value = normaliseIdentifier(kind, identifierOf(person, kind));
    if (value !== undefined) result[kind] = value;
  }
  return result;
}

/** Two different valid values of the same identifier mean two different people, whatever the names say. */
export function identifiersConflict(a: ReferredPerson, b: ReferredPerson): boolean {
  const left = canonicalIdentifiers(a);
  const right = canonicalIdentifiers(b);
  return IDENTIFIER_KINDS.some(
    (kind) => left[kind] !== undefined && right[kind] !== undefined && left[kind] !== right[kind],
  );
}

export const KEY_CLAIMED = 'person-key-claimed';

/** Who holds a key now: the person its latest claim names, when that claim was recorded, and where. */
export interface KeyClaim {
  readonly personId: string;
  /** The claim's `recordedAt`, in epoch ms. */
  readonly claimedAt: number;
  readonly revision: bigint;
}

/**
 * First writer wins: false when another referral already holds the key for some person. The claim
 * is named for the key and the person, so a retried job's claim is recognised as its own. With
 * `abandoned`, the key is taken over from that claim (its person never registered): appended only
 * if nothing followed it, so of two referrals taking over the same claim, one wins.
 */
export async function claimPersonKey(
  store: EventStore,
  key: PersonKey,
  personId: string,
  context: CommandContext,
  abandoned?: KeyClaim,
): Promise<boolean> {
  try {
    await store.append(
      key.stream,
      toEventsToAppend(
        [
          {
            type: KEY_CLAIMED,
            data: {
              personId,
              keyKind: key.kind,
              ...(abandoned === undefined ? {} : { abandoned: abandoned.personId }),
            },
          },
        ],
        stepContext(context, `claim/${key.stream}/${personId}`),
      ),
      { expected: abandoned === undefined ? 'no-stream' : abandoned.revision },
    );
    return true;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError)) throw error;
    // Held already: by this person when a retried job claimed it before (under other metadata, say).
    return (await keyHolder(store, key)) === personId;
  }
}

/** The key's current claim, if anyone claimed it: the latest, as a claim only follows one abandoned. */
export async function keyClaim(store: EventStore, key: PersonKey): Promise<KeyClaim | undefined> {
  const claims = await store.readStream(key.stream);
  const latest = claims[claims.length - 1];
  const personId = (latest?.data as { personId?: unknown } | undefined)?.personId;
  if (latest === undefined || typeof personId !== 'string') return undefined;
  return { personId, claimedAt: Date.parse(latest.metadata.recordedAt), revision: latest.revision };
}

/** The person a key names, if anyone claimed it. */
export async function keyHolder(store: EventStore, key: PersonKey): Promise<string | undefined> {
  return (await keyClaim(store, key))?.personId;
}
