import type { ProjectionDefinition } from '../projection-definition';
import { registeredProjections } from '../registered-projections';
import { openItemsProjection, sampleProjections } from './sample-projections';

/**
 * The registered projections each at its next version as well: what a release that bumps them
 * all registers while the new versions are rebuilt in the background (the old kept current).
 */
export const bumpedProjections = (): ProjectionDefinition[] => [
  ...registeredProjections,
  ...registeredProjections.map((projection) => ({ ...projection, version: projection.version + 1 })),
];

/** The projection lists the child process (`projector-process.ts`) can run, by name. */
export function projectionsNamed(name: string): readonly ProjectionDefinition[] {
  if (name === 'sample') return sampleProjections();
  if (name === 'open-items-v2') return [openItemsProjection(2)];
  if (name === 'registered') return registeredProjections;
  if (name === 'bumped') return bumpedProjections();
  throw new Error(`no projection list called ${name}`);
}
