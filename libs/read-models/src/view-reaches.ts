import type { ReadModelProgress } from '../../platform/src/http/read-model-progress';

/** How often a wait re-reads the view's own checkpoint (other views may hold the shared wait back). */
const RECHECK_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until one view has processed `position`, reading its checkpoint through `current` (from
 * the file, so a version another process moves is followed too); false once `deadline` passes.
 * Only that view is waited for: the runtime's wait covers every view, so it is used only to be
 * woken by this process's commits, in slices, and another view lagging or rebuilding holds nothing
 * up. `current` and `whileBehind` refuse by throwing (none answering, a frozen or failed version).
 */
export async function viewReaches<Answering extends { readonly position: bigint }>(
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
    let allViewsThere = false;
    if (progress == null) await sleep(slice);
    else allViewsThere = await progress.waitUntilProcessed(position, slice);
    answering = current();
    // The runtime says yes but the file does not show it yet: do not spin on a wait that returns at once.
    if (allViewsThere && answering.position < position) await sleep(slice);
  }
  return true;
}
