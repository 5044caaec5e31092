import type { CommandContext } from '../../../command-handling/src/command-context';
import { decideNow, handleCommand } from '../../../command-handling/src/handle-command';
import type { EventStore } from '../../../event-store/src/port/event-store';
import {
  identityStream,
  personLinksDecider,
  type CameFrom,
  type PersonLinksCommand,
  type RecordsAndCases,
} from '../domain/person-links';
import { recordAfterBegun, type BeginChange } from './recorded-in-two-steps';

type RestoreSplitOff = Extract<PersonLinksCommand, { type: 'restore-split-off' }>;

/**
 * Records a restore of a split-off person (see change-begun.ts for why in two steps): decided
 * first, so a refused one writes nothing; then `restore-begun` on the stream of each person it gives
 * back to, each refused (409 person-changed) if anything was recorded there since the facts were
 * read; then the restore on the split-off person's stream, which expects the revision every
 * `restore-begun` names. Once one began and the rest cannot be recorded, it is withdrawn, so the
 * people it began on are not left waiting for it. `revisionFolded`: the revision of a stream the
 * person index had folded when the facts were read.
 */
export async function recordRestore(
  store: EventStore,
  command: RestoreSplitOff,
  revisionFolded: (stream: string) => Promise<number>,
  context: CommandContext,
) {
  const { splitOff, cameFrom, occurredAt } = command.data;
  const stream = identityStream(splitOff.personId);
  const splitOffRevision = Number((await decideNow(store, stream, personLinksDecider, command)).revision);
  const begins: BeginChange[] = [];
  for (const [personId, going] of byPersonNow(cameFrom)) {
    const factsAtRevision = await revisionFolded(identityStream(personId));
    const data = { personId, splitOffPersonId: splitOff.personId, splitOffRevision, ...going, factsAtRevision };
    begins.push({ type: 'begin-restore', data: { ...data, occurredAt } });
  }
  const change = { kind: 'restore', splitOffPersonId: splitOff.personId, revision: splitOffRevision } as const;
  return recordAfterBegun(
    store,
    change,
    begins,
    () => handleCommand(store, stream, personLinksDecider, command, context),
    context,
  );
}

/** What goes back to each person, as they are now. */
function byPersonNow(cameFrom: readonly CameFrom[]): [string, RecordsAndCases][] {
  const going = new Map<string, { recordIds: string[]; caseIds: string[] }>();
  for (const { kind, id, homeNow } of cameFrom) {
    const to = going.get(homeNow) ?? { recordIds: [], caseIds: [] };
    (kind === 'record' ? to.recordIds : to.caseIds).push(id);
    going.set(homeNow, to);
  }
  return [...going].sort(([a], [b]) => a.localeCompare(b));
}
