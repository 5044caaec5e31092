import type { EventStore } from '../../../event-store/src/port/event-store';
import { checkPositionsInLog } from '../../../event-store/src/port/positions-in-one-log';
import type { ChainStore } from './chain-store';

const ADVICE =
  'nothing is sealed: keep audit-chain.sqlite with the log it seals, and move it aside so that a new chain starts for this log';

/** The chain seals another log than the store's: sealing through its positions would skip events. */
export class ChainOfAnotherLogError extends Error {
  override readonly name = 'ChainOfAnotherLogError';
}

/**
 * Seals are positions in one log (see checkPositionsInLog, which the read models' checkpoints
 * share): a chain carried over to another would wait for ever past a head it never reaches, or at
 * a position the server refuses, saying nothing. So the chain records the log's identity. Only
 * the newest seal is compared with the head: seals only grow, so none before it can be ahead
 * when it is not. A mismatch is thrown, for the sealer to log.
 */
export async function checkSealedLog(store: EventStore, chain: ChainStore): Promise<void> {
  const answer = await checkPositionsInLog(store, {
    recorded: () => chain.sealedLog(),
    positions: () => {
      const newest = chain.head();
      return newest === undefined ? [] : [newest];
    },
    adopt: (identity) => chain.recordSealedLog(identity),
  });
  if (answer.verdict === 'another-log') {
    throw new ChainOfAnotherLogError(
      `the audit chain seals another event log (${answer.recorded}, this one is ${answer.identity}); ${ADVICE}`,
    );
  }
  if (answer.verdict === 'ahead-of-head') {
    throw new ChainOfAnotherLogError(
      `the audit chain's newest seal (position ${answer.ahead[0].position.toString()}) is ahead of the log, whose head is ` +
        `${answer.head.toString()}: the chain seals another event log, or the log was restored from an older backup; ${ADVICE}`,
    );
  }
}
