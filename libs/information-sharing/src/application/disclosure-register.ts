import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { Principal } from '../../../platform/src/auth/principal';
import {
  agencyKey,
  dsaInForceAt,
  isPersonField,
  momentOf,
  wasPartyAt,
  type DisclosableField,
  type DsaRecord,
  type DsaState,
} from '../domain';
import { disclosuresProjection } from '../projections/disclosures.projection';
import type { OpenOnPeople, PersonDisclosures } from '../published/person-disclosures';

export interface DisclosureRow {
  disclosure_id: string;
  kind: 'shared' | 'withheld';
  from_agency: string;
  to_agency: string;
  to_user_id: string | null;
  person_id: string | null;
  case_id: string | null;
  /**
   * The panel the entry is for: as recorded, else its case's, else inferred for a person alone;
   * null when an old person-only entry fits no single panel.
   */
  panel: string | null;
  /** How the register came by `panel` (PanelSource). */
  panel_source: string;
  /** JSON: the panel an admin's correction replaced, why, when and by whom; null if never corrected. */
  panel_correction: string | null;
  fields: string;
  documents: string;
  purpose: string;
  lawful_basis: string | null;
  dsa_id: string | null;
  consent: string | null;
  reason: string | null;
  occurred_at: string;
  expires_at: string | null;
  recorded_at: string;
  actor: string;
  /** The recorder's token subject. */
  recorded_by: string;
  revoked_at: string | null;
  revoke_reason: string | null;
  position: number;
}

export interface OpenFields {
  readonly fields: ReadonlySet<DisclosableField>;
  readonly disclosureIds: readonly string[];
  /** What each of those disclosures opened, and the panel it acted for (the register's `panel`). */
  readonly byDisclosure: readonly {
    readonly disclosureId: string;
    readonly panel: string | null;
    readonly fields: readonly DisclosableField[];
  }[];
}

export interface RegisterFilter {
  readonly personId?: string;
  readonly caseId?: string;
  /** Disclosures from or to this agency. */
  readonly agency?: string;
  readonly kind?: 'shared' | 'withheld';
}

/**
 * What a case worker may know of, as SQL: `mayKnowOfEntry`, with "sees the subject" read as the
 * entry's panel being one of theirs. The two must agree (register-visibility.ts).
 */
export interface RegisterScope {
  readonly readerId: string;
  readonly agency: string;
  /** The panels they work cases on. */
  readonly panels: readonly string[];
}

export interface RegisterPage {
  readonly limit: number;
  readonly offset: number;
}

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/**
 * One register entry as the API shows it. `showsPanel` is false for a reader who may not know
 * which panel the person is known to (a share's recipient agency, say): "MARAC" alone says she
 * was referred to a MARAC. Where the panel came from, and a correction's previous panel and
 * reason, go with it.
 */
export function disclosureItem(row: DisclosureRow, now: Date, showsPanel: boolean) {
  const { panel, panelSource, panelCorrection, ...item } = {
    disclosureId: row.disclosure_id,
    kind: row.kind,
    fromAgency: row.from_agency,
    toAgency: row.to_agency,
    toUserId: row.to_user_id,
    personId: row.person_id,
    caseId: row.case_id,
    panel: row.panel,
    panelSource: row.panel_source,
    panelCorrection: parseJson<unknown>(row.panel_correction),
    fields: parseJson<string[]>(row.fields) ?? [],
    documents: parseJson<string[]>(row.documents) ?? [],
    purpose: row.purpose,
    lawfulBasis: parseJson<unknown>(row.lawful_basis),
    dsaId: row.dsa_id,
    consent: parseJson<unknown>(row.consent),
    reason: row.reason,
    occurredAt: row.occurred_at,
    expiresAt: row.expires_at,
    recordedAt: row.recorded_at,
    recordedBy: parseJson<unknown>(row.actor),
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
    open:
      row.kind === 'shared' &&
      row.revoked_at === null &&
      (row.expires_at === null || now.getTime() < momentOf(row.expires_at)),
  };
  if (!showsPanel) return item;
  return { ...item, panel, panelSource, ...(panelCorrection === null ? {} : { panelCorrection }) };
}

/**
 * Reads the disclosure register. "Open now" is judged here, against the clock: a shared
 * disclosure that has happened, is not revoked, has not expired, is addressed to the reader's
 * agency (and to them, when it names a user), and whose agreement is still in force with the
 * receiving agency still a party.
 */
@Injectable()
export class DisclosureRegister implements PersonDisclosures {
  constructor(private readonly readModels: ReadModelDatabase) {}

  openOnCase(caseId: string, reader: Principal, now: Date): OpenFields {
    return this.open('case_id', caseId, reader, now);
  }

  openOnPerson(personId: string, reader: Principal, now: Date): OpenFields {
    return this.open('person_id', personId, reader, now);
  }

  /**
   * A disclosure counts only when it opened a person field: one of case fields alone opened nothing
   * here. Each goes with the panel it acted for, since it opens a field only as that panel sees it.
   */
  openOnPeople(personIds: readonly string[], reader: Principal, now: Date): OpenOnPeople {
    const fields = new Set<string>();
    const byDisclosure = new Map<string, OpenOnPeople['byDisclosure'][number]>();
    for (const personId of new Set(personIds))
      for (const open of this.openOnPerson(personId, reader, now).byDisclosure) {
        const opened = open.fields.filter(isPersonField);
        for (const field of opened) fields.add(field);
        if (opened.length > 0) byDisclosure.set(open.disclosureId, { ...open, fields: opened });
      }
    return { fields, disclosureIds: [...byDisclosure.keys()], byDisclosure: [...byDisclosure.values()] };
  }

  private open(column: 'case_id' | 'person_id', id: string, reader: Principal, now: Date): OpenFields {
    const rows = this.readModels.read(() => {
      const tables = this.readModels.tables(disclosuresProjection.name);
      return this.readModels.connection
        .prepare<[string, string], DisclosureRow & { dsa_state: string | null }>(
          `SELECT d.*, s.state AS dsa_state FROM ${tables.table('disclosures')} d
           LEFT JOIN ${tables.table('dsas')} s ON s.dsa_id = d.dsa_id
           WHERE d.${column} = ? AND d.to_agency_key = ? AND d.kind = 'shared' AND d.revoked_at IS NULL`,
        )
        .all(id, agencyKey(reader.agency));
    });
    const at = now.toISOString();
    const fields = new Set<DisclosableField>();
    const byDisclosure: { disclosureId: string; panel: string | null; fields: DisclosableField[] }[] = [];
    for (const row of rows) {
      if (row.to_user_id !== null && row.to_user_id !== reader.id) continue;
      if (momentOf(row.occurred_at) > now.getTime()) continue;
      if (row.expires_at !== null && now.getTime() >= momentOf(row.expires_at)) continue;
      const dsa = parseJson<DsaState>(row.dsa_state);
      if (dsa === null || !dsa.exists || !stillCovers(dsa, row.to_agency, at)) continue;
      const opened = parseJson<DisclosableField[]>(row.fields) ?? [];
      for (const field of opened) fields.add(field);
      byDisclosure.push({ disclosureId: row.disclosure_id, panel: row.panel, fields: opened });
    }
    return { fields, disclosureIds: byDisclosure.map((open) => open.disclosureId), byDisclosure };
  }

  /**
   * Entries matching the filter in register order, `page.limit` of them from `page.offset` on;
   * with a scope, only those its reader may know of, so paging counts nothing hidden.
   */
  rows(filter: RegisterFilter, page: RegisterPage, scope?: RegisterScope): DisclosureRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope !== undefined) {
      const reader = agencyKey(scope.agency);
      const panels = scope.panels.map(() => '?').join(', ');
      // A decision not to share never reaches the agency it was about; a share is its record.
      where.push(
        `((to_agency_key = ? AND kind = 'shared') OR (to_agency_key <> ? AND (recorded_by = ?${
          panels === '' ? '' : ` OR panel IN (${panels})`
        })))`,
      );
      params.push(reader, reader, scope.readerId, ...scope.panels);
    }
    if (filter.personId !== undefined) {
      where.push('person_id = ?');
      params.push(filter.personId);
    }
    if (filter.caseId !== undefined) {
      where.push('case_id = ?');
      params.push(filter.caseId);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.agency !== undefined) {
      where.push('(to_agency_key = ? OR from_agency_key = ?)');
      params.push(agencyKey(filter.agency), agencyKey(filter.agency));
    }
    return this.readModels.read(() => {
      const tables = this.readModels.tables(disclosuresProjection.name);
      return this.readModels.connection
        .prepare<unknown[], DisclosureRow>(
          `SELECT * FROM ${tables.table('disclosures')} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
           ORDER BY position LIMIT ? OFFSET ?`,
        )
        .all(...params, page.limit, page.offset);
    });
  }

  row(disclosureId: string): DisclosureRow | undefined {
    return this.readModels.read(() => {
      const tables = this.readModels.tables(disclosuresProjection.name);
      return this.readModels.connection
        .prepare<[string], DisclosureRow>(`SELECT * FROM ${tables.table('disclosures')} WHERE disclosure_id = ?`)
        .get(disclosureId);
    });
  }

  agreements(): DsaRecord[] {
    return this.readModels.read(() => {
      const tables = this.readModels.tables(disclosuresProjection.name);
      return this.readModels.connection
        .prepare<[], { state: string }>(`SELECT state FROM ${tables.table('dsas')} ORDER BY dsa_id`)
        .all()
        .map((row) => JSON.parse(row.state) as DsaRecord);
    });
  }
}

/** A disclosure stays open only while its agreement is in force and still names the receiver. */
function stillCovers(dsa: DsaRecord, toAgency: string, at: string): boolean {
  return dsaInForceAt(dsa, at) && wasPartyAt(dsa, toAgency, at);
}
