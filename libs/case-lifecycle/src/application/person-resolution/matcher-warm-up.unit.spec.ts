import { RetryLaterException } from '../../../../platform/src/http/retry-later';
import type { LogTailProgress } from './log-tail';
import { MatcherWarmUp, type IndexFedFromLog } from './matcher-warm-up';

/** An index whose read of the log the spec moves on by hand; asked to stop, it stops, as between pages. */
function indexReadByHand() {
  let progress: LogTailProgress = { eventsRead: 0, position: undefined, caughtUp: false };
  let reachHead = (): void => undefined;
  const indexCaughtUp = new Promise<void>((resolve) => (reachHead = resolve));
  let endRead: (error?: Error) => void = () => undefined;
  const warmUp = jest.fn(
    (signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        endRead = (error) => (error ? reject(error) : resolve());
        signal?.addEventListener('abort', () => reject(signal.reason as Error));
      }),
  );
  const index: IndexFedFromLog = { warmUp, indexProgress: () => progress, indexCaughtUp };
  return {
    index,
    warmUp,
    readTo(eventsRead: number, position: bigint) {
      progress = { eventsRead, position, caughtUp: false };
    },
    reachHead(eventsRead: number, position: bigint) {
      progress = { eventsRead, position, caughtUp: true };
      reachHead();
      endRead();
    },
    fail: (error: Error) => endRead(error),
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the matcher reading the log from start-up', () => {
  it('reads once from start-up, and reports how far it has got until it has read the log whole', async () => {
    const log = indexReadByHand();
    const matcher = new MatcherWarmUp(log.index, 5_000);
    matcher.start();
    matcher.start();
    log.readTo(42_000, 41_999n);

    expect(log.warmUp).toHaveBeenCalledTimes(1);
    expect(matcher.readiness()).toEqual({
      name: 'person_matcher',
      state: 'catching-up',
      eventsRead: 42_000,
      position: '41999',
    });

    log.reachHead(50_000, 49_999n);
    expect(matcher.readiness()).toMatchObject({ state: 'live', eventsRead: 50_000, position: '49999' });
    await matcher.stop();
  });

  it('lets a referral that arrives meanwhile wait within the bound, and go on once the log is read', async () => {
    const log = indexReadByHand();
    const matcher = new MatcherWarmUp(log.index, 60_000);
    matcher.start();
    let waited = false;
    const referral = matcher.awaitWarm().then(() => (waited = true));
    await nextTurn();
    expect(waited).toBe(false);

    log.reachHead(10, 9n);

    await referral;
    expect(waited).toBe(true);
    await matcher.stop();
  });

  it('past the bound, refuses the referral with 503 matcher-warming-up and Retry-After, before anything is written', async () => {
    const log = indexReadByHand();
    const matcher = new MatcherWarmUp(log.index, 0);
    matcher.start();
    log.readTo(1_000, 999n);

    const refused = await matcher.awaitWarm().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(refused).toBeInstanceOf(RetryLaterException);
    expect((refused as RetryLaterException).retryAfterSeconds).toBe(5);
    expect((refused as RetryLaterException).getStatus()).toBe(503);
    expect((refused as RetryLaterException).getResponse()).toMatchObject({
      rule: 'matcher-warming-up',
      message: expect.stringContaining('1000 events'),
    });
    await matcher.stop();
  });

  it('reports a read that failed, and does not hold the process from stopping while it waits to try again', async () => {
    const log = indexReadByHand();
    const warnings: string[] = [];
    const matcher = new MatcherWarmUp(log.index, 0, { warn: (message) => warnings.push(message) });
    matcher.start();

    log.fail(new Error('the event store is unavailable'));
    await nextTurn();

    expect(matcher.readiness()).toMatchObject({ state: 'failed', error: 'the event store is unavailable' });
    expect(warnings).toEqual([expect.stringContaining('retrying in 1000 ms')]);
    await matcher.stop();
  });
});
