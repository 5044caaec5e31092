import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { agencyKey, madeAt, momentOf, type RecordedDisclosure } from '../domain';
import { disclosuresProjection } from '../projections/disclosures.projection';

interface ShareRow {
  disclosure_id: string;
  from_agency: string;
  to_agency: string;
  occurred_at: string;
  recorded_at: string;
}

/**
 * The latest share recorded under an agreement, from or to `agency` when given; revoked ones
 * count, as they were made under it all the same. Latest by when each counts as made (`madeAt`:
 * a share dated ahead of its recording was made when recorded). Instants are compared as
 * moments, not as text: `occurredAt` may carry any offset.
 */
export function latestDisclosureUnder(
  readModels: ReadModelDatabase,
  dsaId: string,
  agency?: string,
): RecordedDisclosure | null {
  const rows = readModels.read(() => {
    const table = readModels.tables(disclosuresProjection.name).table('disclosures');
    const select = `SELECT disclosure_id, from_agency, to_agency, occurred_at, recorded_at FROM ${table} WHERE dsa_id = ? AND kind = 'shared'`;
    if (agency === undefined) return readModels.connection.prepare<[string], ShareRow>(select).all(dsaId);
    const key = agencyKey(agency);
    return readModels.connection
      .prepare<[string, string, string], ShareRow>(`${select} AND (from_agency_key = ? OR to_agency_key = ?)`)
      .all(dsaId, key, key);
  });
  let latest: RecordedDisclosure | null = null;
  for (const row of rows) {
    const recorded: RecordedDisclosure = {
      disclosureId: row.disclosure_id,
      fromAgency: row.from_agency,
      toAgency: row.to_agency,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
    };
    if (latest === null || momentOf(madeAt(recorded)) > momentOf(madeAt(latest))) latest = recorded;
  }
  return latest;
}
