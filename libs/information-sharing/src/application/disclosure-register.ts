import { Injectable } from '@nestjs/common';
import {
  ProjectionNotAvailableError,
  ReadModelDatabase,
  type ActiveTables,
} from '../../../read-models/src/read-model-database';
import type { Principal } from '../../../platform/src/auth/principal';
import {
  PersonIndexQuery,
  type IndexedPerson,
  type PeopleNowInSql,
} from '../../../identity/src/application/person-index.query';
import {
  agencyKey,
  closedBy,
  isPersonField,
  type DisclosableField,
  type DsaRecord,
  type DsaState,
  type RecordsBehindFields,
} from '../domain';
import { disclosuresProjection } from '../projections/disclosures.projection';
import type { OpenOnPerson, PersonDisclosures, PersonNow } from '../published/person-disclosures';

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
  /**
   * JSON: for each person field the entry gave out, the person index records its value came from
   * (`RecordsBehindFields`); null on one that kept none, and absent in a register version before v7.
   */
  records_behind_fields?: string | null;
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

/**
 * A register row with its agreement as it stands now (JSON, as `evolveDsa` left it; null if unknown),
 * and whom it is about now: the person holding its case, or whom its person id stands for (null
 * while the person index cannot say: then `person_id` as recorded).
 */
export interface RegisterRow extends DisclosureRow {
  dsa_state: string | null;
  person_now: string | null;
  /**
   * JSON: who holds each record behind an entry about a person alone now (NULL for one the index
   * never saw); `[]` for an entry naming none, and NULL while the person index cannot say in SQL.
   */
  record_holders: string | null;
}

/** What one open disclosure opened, as the person views narrow it (`OpenOnPerson`). */
export interface OpenedEntry {
  readonly disclosureId: string;
  /** The panel it acted for (the register's `panel`). */
  readonly panel: string | null;
  readonly fields: readonly DisclosableField[];
  /** For each person field, the records its value came from; absent when the entry kept none. */
  readonly recordsBehind?: RecordsBehindFields;
  /** Where it was recorded in the log: what it opens is each record as it stood then. */
  readonly position: number;
  /** When it was made (`occurredAt`). */
  readonly occurredAt: string;
}

export interface OpenFields {
  readonly fields: ReadonlySet<DisclosableField>;
  readonly disclosureIds: readonly string[];
  readonly byDisclosure: readonly OpenedEntry[];
}

export interface RegisterFilter {
  /**
   * Entries about this person as the person index knows them now: about a case they hold now (after
   * merges and splits), or about them alone under any id merged into them.
   */
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

/** Why the row opens nothing now (null: it is open), by the rule the case and person views apply. */
const closedByNow = (row: RegisterRow, now: Date) =>
  closedBy(
    {
      kind: row.kind,
      toAgency: row.to_agency,
      occurredAt: row.occurred_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    },
    parseJson<DsaState>(row.dsa_state),
    now,
  );

/** The register's SELECT and what its conditions may read beside it (`DisclosureRegister.selectNow`). */
interface RegisterSql {
  readonly select: string;
  /** Whom the row's entry names now, as an SQL expression; none while the person index cannot say in SQL. */
  readonly holder: string | undefined;
  readonly people: PeopleNowInSql | undefined;
  /** The records behind entries (`disclosure_records`); none in a version of the register that kept none. */
  readonly records: string | undefined;
}

/** Which entries are about a person, as a condition on `d` (the register row) and its parameters. */
interface EntriesAbout {
  readonly where: string;
  readonly params: readonly unknown[];
}

const IN_JSON = 'IN (SELECT value FROM json_each(?))';

/**
 * Whom an entry is about now: for one about a person alone that kept the records behind what it
 * passed on, whoever holds those now, each once (the person its id stands for first, if among
 * them); else the person it names now (who holds its case, or whom its id stands for). Its records
 * held by people other than the one its id stands for mean the person was split since: made while
 * a wrong merge joined two people, or before records were split off, it passed on details of each.
 */
function peopleAbout(row: RegisterRow): { personIds: string[]; splitSince: boolean } {
  const named = row.person_now ?? row.person_id;
  const holders = [
    ...new Set((parseJson<(string | null)[]>(row.record_holders) ?? []).filter((id): id is string => id !== null)),
  ].sort((a, b) => Number(b === named) - Number(a === named) || a.localeCompare(b));
  if (holders.length === 0) return { personIds: named === null ? [] : [named], splitSince: false };
  return { personIds: holders, splitSince: holders.length > 1 || holders[0] !== named };
}

/**
 * One register entry as the API shows it. `showsPanel` is false for a reader who may not know
 * which panel the person is known to (a share's recipient agency, say): "MARAC" alone says she
 * was referred to a MARAC. Where the panel came from, and a correction's previous panel and
 * reason, go with it.
 */
export function disclosureItem(row: RegisterRow, now: Date, showsPanel: boolean) {
  const closed = closedByNow(row, now);
  const about = peopleAbout(row);
  const { panel, panelSource, panelCorrection, ...item } = {
    disclosureId: row.disclosure_id,
    kind: row.kind,
    fromAgency: row.from_agency,
    toAgency: row.to_agency,
    toUserId: row.to_user_id,
    personId: about.personIds[0] ?? null,
    personIds: about.personIds,
    splitSince: about.splitSince,
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
    open: closed === null,
    closedBy: closed,
  };
  if (!showsPanel) return item;
  return { ...item, panel, panelSource, ...(panelCorrection === null ? {} : { panelCorrection }) };
}

/**
 * Reads the disclosure register. "Open now" is judged here, against the clock, by `closedBy`
 * (domain/entry-open-now.ts): a shared disclosure that has happened, is not revoked, has not
 * expired, and whose agreement is still in force with the receiving agency still a party. It
 * opens something to a reader of that agency (to them alone, when it names a user); the register's
 * `open` is the same rule without the reader.
 */
@Injectable()
export class DisclosureRegister implements PersonDisclosures {
  constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly people: PersonIndexQuery,
  ) {}

  openOnCase(caseId: string, reader: Principal, now: Date): OpenFields {
    return this.open(() => ({ where: 'd.case_id = ?', params: [caseId] }), reader, now);
  }

  /**
   * A disclosure counts only when it opened a person field: one of case fields alone opened nothing
   * here. Each goes with the panel it acted for, since it opens a field only as that panel sees it,
   * and with the records behind each field it gave out, the only ones it opens the field from.
   * The entries are those `?personId=` lists under the person (`listedUnder`): about a case they
   * hold, or about them alone and behind it a record they hold (else under an id of theirs).
   */
  openOnPerson(person: PersonNow, reader: Principal, now: Date): OpenOnPerson {
    const ids = [person.personId, ...person.mergedPersonIds];
    const open = this.open((sql) => this.listedUnder(person, ids, sql), reader, now);
    const fields = new Set<string>();
    const byDisclosure: OpenOnPerson['byDisclosure'][number][] = [];
    for (const disclosure of open.byDisclosure) {
      const opened = disclosure.fields.filter(isPersonField);
      for (const field of opened) fields.add(field);
      if (opened.length > 0) byDisclosure.push({ ...disclosure, fields: opened });
    }
    return { fields, disclosureIds: byDisclosure.map((d) => d.disclosureId), byDisclosure };
  }

  private open(about: (sql: RegisterSql) => EntriesAbout, reader: Principal, now: Date): OpenFields {
    const rows = this.readModels.read(() => {
      const sql = this.selectNow();
      const { where, params } = about(sql);
      return this.readModels.connection
        .prepare<
          unknown[],
          RegisterRow
        >(`${sql.select} WHERE ${where} AND d.to_agency_key = ? AND d.kind = 'shared' AND d.revoked_at IS NULL`)
        .all(...params, agencyKey(reader.agency));
    });
    const fields = new Set<DisclosableField>();
    const byDisclosure: OpenedEntry[] = [];
    for (const row of rows) {
      if (row.to_user_id !== null && row.to_user_id !== reader.id) continue;
      if (closedByNow(row, now) !== null) continue;
      const opened = parseJson<DisclosableField[]>(row.fields) ?? [];
      for (const field of opened) fields.add(field);
      const recordsBehind = parseJson<RecordsBehindFields>(row.records_behind_fields ?? null);
      byDisclosure.push({
        disclosureId: row.disclosure_id,
        panel: row.panel,
        fields: opened,
        ...(recordsBehind === null ? {} : { recordsBehind }),
        position: row.position,
        occurredAt: row.occurred_at,
      });
    }
    return { fields, disclosureIds: byDisclosure.map((open) => open.disclosureId), byDisclosure };
  }

  /**
   * Register rows (`d`), each with its agreement now (`s`), whom it is about now (`person_now`, also
   * given as `holder` for conditions) and who holds the records behind it (`record_holders`); the
   * last two, and `people`, none while the person index cannot say in SQL. To run inside
   * `readModels.read`, so the index and the register are read at one moment.
   */
  private selectNow(): RegisterSql {
    const tables = this.readModels.tables(disclosuresProjection.name);
    const people = this.people.peopleNowInSql(this.readModels.connection);
    const records = this.recordsTable(tables);
    const now = people?.personOfCase('holder', 'd.case_id', 'd.person_id');
    const behind = people?.holderOfRecord('behind', 'b.record_id');
    const holders =
      behind === undefined || records === undefined
        ? 'NULL'
        : `(SELECT json_group_array(${behind.expression}) FROM ${records} b ${behind.joins}
            WHERE b.disclosure_id = d.disclosure_id)`;
    return {
      select: `SELECT d.*, s.state AS dsa_state, ${now?.expression ?? 'NULL'} AS person_now, ${holders} AS record_holders
        FROM ${tables.table('disclosures')} d LEFT JOIN ${tables.table('dsas')} s ON s.dsa_id = d.dsa_id ${now?.joins ?? ''}`,
      holder: now?.expression,
      people,
      records,
    };
  }

  /** Answering versions known to keep the records behind entries (`disclosure_records`, v6 on). */
  private readonly keepingRecords = new Set<number>();

  /**
   * `disclosure_records` of the answering version; none in an older one, which answers while this
   * release rebuilds its own: the register follows ids then, as before it kept records.
   */
  private recordsTable(tables: ActiveTables): string | undefined {
    const name = tables.table('disclosure_records');
    if (this.keepingRecords.has(tables.version)) return name;
    const kept = this.readModels.connection
      .prepare<[string], number>(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck()
      .get(name);
    if (kept === undefined) return undefined;
    this.keepingRecords.add(tables.version);
    return name;
  }

  /**
   * Entries matching the filter in register order, `page.limit` of them from `page.offset` on;
   * with a scope, only those its reader may know of, so paging counts nothing hidden.
   */
  rows(filter: RegisterFilter, page: RegisterPage, scope?: RegisterScope): RegisterRow[] {
    return this.readModels.read(() => {
      const sql = this.selectNow();
      const where: string[] = [];
      const params: unknown[] = [];
      if (scope !== undefined) {
        const reader = agencyKey(scope.agency);
        const panels = scope.panels.map(() => '?').join(', ');
        // A share is its recipient's record: the agency's, or the one user it names. A decision not
        // to share never reaches the agency it was about; one citing no agreement reaches, of its
        // panel, only the discloser's agency. Anyone else: its panel and its recorder.
        where.push(
          `((d.to_agency_key = ? AND d.kind = 'shared' AND (d.to_user_id IS NULL OR d.to_user_id = ?))
            OR ((d.to_agency_key <> ? OR d.kind = 'shared') AND (d.recorded_by = ?${
              panels === ''
                ? ''
                : ` OR (d.panel IN (${panels}) AND (d.kind = 'shared' OR d.dsa_id IS NOT NULL OR d.from_agency_key = ?))`
            })))`,
        );
        params.push(
          reader,
          scope.readerId,
          reader,
          scope.readerId,
          ...scope.panels,
          ...(panels === '' ? [] : [reader]),
        );
      }
      if (filter.personId !== undefined) {
        const person = this.indexed(filter.personId);
        const about =
          person === undefined
            ? { where: 'd.person_id = ?', params: [filter.personId] }
            : this.listedUnder(person, [filter.personId, person.personId, ...person.mergedPersonIds], sql);
        where.push(about.where);
        params.push(...about.params);
      }
      if (filter.caseId !== undefined) {
        where.push('d.case_id = ?');
        params.push(filter.caseId);
      }
      if (filter.kind !== undefined) {
        where.push('d.kind = ?');
        params.push(filter.kind);
      }
      if (filter.agency !== undefined) {
        where.push('(d.to_agency_key = ? OR d.from_agency_key = ?)');
        params.push(agencyKey(filter.agency), agencyKey(filter.agency));
      }
      return this.readModels.connection
        .prepare<unknown[], RegisterRow>(
          `${sql.select} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
           ORDER BY d.position LIMIT ? OFFSET ?`,
        )
        .all(...params, page.limit, page.offset);
    });
  }

  /**
   * The entries listed under a person (`?personId=`, and what opens on them in the person view):
   * those about them (`entriesAbout`, by `ids`), except that one about a person alone that kept
   * the records behind it is listed under whoever holds those records now (`personIds`), and only
   * them. While an older index answers (it is rebuilt) or an older register (one keeping no
   * records), by id alone.
   */
  private listedUnder(
    person: PersonNow,
    ids: readonly string[],
    { holder, people, records }: RegisterSql,
  ): EntriesAbout {
    const byId = this.entriesAbout(person, ids, holder);
    // As the item names them (`peopleAbout`): by id while either side cannot say who holds the records.
    if (records === undefined || people === undefined) return byId;
    const known = people.holderOfRecord('known', 'k.record_id');
    // A record the index has not seen holds nobody: an entry none of whose records it has seen goes by its id.
    const keptRecords = `d.case_id IS NULL AND EXISTS (SELECT 1 FROM ${records} k ${known.joins}
      WHERE k.disclosure_id = d.disclosure_id AND ${known.expression} IS NOT NULL)`;
    return {
      where: `((${byId.where} AND NOT (${keptRecords}))
        OR (d.case_id IS NULL AND d.disclosure_id IN (SELECT r.disclosure_id FROM ${records} r WHERE r.record_id ${IN_JSON})))`,
      params: [...byId.params, JSON.stringify(person.records.map((record) => record.recordId))],
    };
  }

  /**
   * The entries about a person now, for the register and for what disclosures open on them alike.
   * An entry about a case is about whoever holds the case now (a split that moved the case took its
   * entries; one merged in brought them); one about a person alone is about whoever its person's id
   * stands for now. Candidates come by index (their ids, the cases they hold), then each is checked
   * against `holder`. With no `holder` (an older index answering while this one is rebuilt): the
   * cases that index says they hold, and entries about them alone under their ids.
   */
  private entriesAbout(person: PersonNow, ids: readonly string[], holder: string | undefined): EntriesAbout {
    const idList = JSON.stringify([...new Set(ids)]);
    const cases = JSON.stringify(person.cases.map((c) => c.caseId));
    if (holder === undefined)
      return {
        where: `((d.case_id IS NULL AND d.person_id ${IN_JSON}) OR d.case_id ${IN_JSON})`,
        params: [idList, cases],
      };
    return {
      where: `(d.person_id ${IN_JSON} OR d.case_id ${IN_JSON}) AND ${holder} = ?`,
      params: [idList, cases, person.personId],
    };
  }

  private indexed(personId: string): IndexedPerson | undefined {
    try {
      return this.people.person(personId);
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
  }

  row(disclosureId: string): RegisterRow | undefined {
    return this.readModels.read(() =>
      this.readModels.connection
        .prepare<[string], RegisterRow>(`${this.selectNow().select} WHERE d.disclosure_id = ?`)
        .get(disclosureId),
    );
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
