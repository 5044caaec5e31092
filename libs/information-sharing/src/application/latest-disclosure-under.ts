import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { agencyKey, momentOf, type RecordedDisclosure } from '../domain';
import { disclosuresProjection } from '../projections/disclosures.projection';

interface ShareRow {
  disclosure_id: string;
  from_agency: string;
  to_agency: string;
  occurred_at: string;
}

/**
 * The latest share recorded under an agreement, from or to `agency` when given; revoked ones
 * count, as they were made under it all the same. Instants are compared as moments, not as
 * text: `occurredAt` may carry any offset.
 */
export function latestDisclosureUnder(
  readModels: ReadModelDatabase,
  dsaId: string,
  agency?: string,
): RecordedDisclosure | null {
  const rows = readModels.read(() => {
    const table = readModels.tables(disclosuresProjection.name).table('disclosures');
    const select = `SELECT disclosure_id, from_agency, to_agency, occurred_at FROM ${table} WHERE dsa_id = ? AND kind = 'shared'`;
    if (agency === undefined) return readModels.connection.prepare<[string], ShareRow>(select).all(dsaId);
    const key = agencyKey(agency);
    return readModels.connection
      .prepare<[string, string, string], ShareRow>(`${select} AND (from_agency_key = ? OR to_agency_key = ?)`)
      .all(dsaId, key, key);
  });
  let latest: ShareRow | undefined;
  for (const row of rows)
    if (latest === undefined || momentOf(row.occurred_at) > momentOf(latest.occurred_at)) latest = row;
  return latest === undefined
    ? null
    : {
        disclosureId: latest.disclosure_id,
        fromAgency: latest.from_agency,
        toAgency: latest.to_agency,
        occurredAt: latest.occurred_at,
      };
}
