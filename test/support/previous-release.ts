import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ApiModule } from '../../apps/api/src/app.module';
import type { ProjectionDefinition } from '../../libs/read-models/src/projection-definition';
import { versionPrefix } from '../../libs/read-models/src/projection-naming';
import { READ_MODEL_PROJECTIONS } from '../../libs/read-models/src/read-models.module';
import { registeredProjections } from '../../libs/read-models/src/registered-projections';
import { inTestEnv } from './test-env';

/**
 * Turns `definition`'s built tables into what the release before it left: version - 1 answering,
 * at the checkpoint the view had reached, without what `lacking` names (`table.column` drops a
 * column, `table` the whole table), as a release that bumps the version to add them finds it.
 * Gives the checkpoint the previous version is frozen at.
 */
export function asPreviousRelease(
  dataDir: string,
  definition: ProjectionDefinition,
  lacking: readonly string[],
): bigint {
  const { name, version } = definition;
  const db = new Database(join(dataDir, 'read-models.sqlite'));
  try {
    const [current, previous] = [versionPrefix(name, version), versionPrefix(name, version - 1)];
    const tables = db
      .prepare<[string], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE ? || '%'`)
      .pluck()
      .all(current);
    db.transaction(() => {
      for (const table of tables) {
        const local = table.slice(current.length);
        db.exec(`CREATE TABLE "${previous}${local}" AS SELECT * FROM "${table}"; DROP TABLE "${table}"`);
      }
      for (const gone of lacking) {
        const [table, column] = gone.split('.');
        db.exec(
          column === undefined
            ? `DROP TABLE "${previous}${table}"`
            : `ALTER TABLE "${previous}${table}" DROP COLUMN "${column}"`,
        );
      }
      db.prepare('UPDATE projection_checkpoints SET version = ? WHERE name = ? AND version = ?').run(
        version - 1,
        name,
        version,
      );
      db.prepare('UPDATE projection_active SET version = ? WHERE name = ?').run(version - 1, name);
    })();
    return db
      .prepare<[string, number], bigint>('SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?')
      .pluck()
      .safeIntegers()
      .get(name, version - 1) as bigint;
  } finally {
    db.close();
  }
}

/**
 * The release that bumps `definition`: the registered projections, with the new version's batches
 * refused while held (each is retried with back-off), so its background rebuild stays part-way
 * while a spec looks at what the previous version serves, until `release()`.
 */
export function releaseWithHeldRebuild(definition: ProjectionDefinition) {
  const gate = { held: true };
  const hold = (): void => {
    if (gate.held) throw new Error('held by the spec: the background rebuild stays part-way');
  };
  const held: ProjectionDefinition = {
    ...definition,
    apply: (db, event) => {
      hold();
      definition.apply(db, event);
    },
    ...(definition.applyBatch === undefined
      ? {}
      : {
          applyBatch: (db, events) => {
            hold();
            definition.applyBatch?.(db, events);
          },
        }),
  };
  const projections = registeredProjections.map((registered) =>
    registered.name === definition.name ? held : registered,
  );
  return { projections, release: () => (gate.held = false) };
}

/** The API on `dataDir` running `projections`, with a short X-Min-Position wait so one that runs out fails quickly. */
export async function startRelease(
  dataDir: string,
  projections: readonly ProjectionDefinition[],
): Promise<NestExpressApplication> {
  return inTestEnv(dataDir, { READ_YOUR_WRITES_TIMEOUT_MS: '1000' }, async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
      .overrideProvider(READ_MODEL_PROJECTIONS)
      .useValue(projections)
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();
    return app;
  });
}
