import type { EventStore } from '../../../event-store/src/port/event-store';
import type { ChainStore } from './chain-store';

const ADVICE =
  'nothing is sealed: keep audit-chain.sqlite with the log it seals, and move it aside so that a new chain starts for this log';

/** The chain seals another log than the store's: sealing through its positions would skip events. */
export class ChainOfAnotherLogError extends Error {
  override readonly name = 'ChainOfAnotherLogError';
}

/**
 * Seals are positions in one log. A chain carried over to another (EVENT_STORE switched, a new
 * EventStoreDB cluster, the log restored from a backup older than the chain) would wait for ever
 * past a head it never reaches, or at a position the server refuses, saying nothing. So the
 * chain records the log's identity (a chain from an earlier release adopts the log it is opened
 * with, once, unless its newest seal is ahead of it) and a mismatch is thrown, for the sealer to log.
 */
export async function checkSealedLog(store: EventStore, chain: ChainStore): Promise<void> {
  const identity = await store.logIdentity?.();
  const recorded = chain.sealedLog();
  if (recorded !== undefined && identity !== undefined && recorded !== identity) {
    throw new ChainOfAnotherLogError(
      `the audit chain seals another event log (${recorded}, this one is ${identity}); ${ADVICE}`,
    );
  }
  const newest = chain.head();
  if (newest !== undefined) {
    const head = await store.headPosition();
    if (newest.position > head) {
      throw new ChainOfAnotherLogError(
        `the audit chain's newest seal (position ${newest.position.toString()}) is ahead of the log, whose head is ` +
          `${head.toString()}: the chain seals another event log, or the log was restored from an older backup; ${ADVICE}`,
      );
    }
  }
  if (recorded === undefined && identity !== undefined) chain.recordSealedLog(identity);
}
