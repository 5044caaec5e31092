import type { ReadModelProgress } from '../../platform/src/http/read-model-progress';

/** How often a wait re-reads the view's own checkpoint (another process may be the one moving it). */
const RECHECK_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the view `view` has processed `position`, reading its checkpoint through `current`
 * (from the file, so a version another process moves is followed too); false once `deadline`
 * passes. Only that view is waited for, so another view lagging, failing or rebuilding holds
 * nothing up; the runtime's wait on it is used to be woken by this process's commits, in slices.
 * `current` and `whileBehind` refuse by throwing (none answering, a frozen or failed version).
 */
export async function viewReaches<Answering extends { readonly position: bigint }>(
  view: string,
  current: () => Answering,
  progress: ReadModelProgress | null | undefined,
  position: bigint,
  deadline: number,
  whileBehind: (answering: Answering) => void = () => undefined,
): Promise<boolean> {
  for (let answering = current(); answering.position < position; ) {
    whileBehind(answering);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    const slice = Math.min(remaining, RECHECK_MS);
    const began = Date.now();
    let there = false;
    if (progress == null) await sleep(slice);
    else there = await progress.waitUntilProcessed(position, slice, [view]);
    answering = current();
    // The runtime answered at once (it says yes but the file does not show it yet, or it refused a
    // version this process does not move): do not spin on a wait that returns at once.
    const early = slice - (Date.now() - began);
    if (answering.position < position && (there || early > 0)) await sleep(Math.max(early, 1));
  }
  return true;
}
