import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { PersonName } from '../domain';

/** A person's row in the cohort's `people` table: the name as the tracker shows it and searches it. */
export interface NameRow {
  readonly display_name: string;
  readonly search_name: string;
}

const SEPARATOR = ' \u00b7 ';

type Names = Partial<PersonName>;

/** The names an event gives, if it gives any: a registration's details or a later change. */
export function namesIn(event: RecordedEvent): Names | undefined {
  const data = event.data as { details?: Names; changes?: Names };
  const names =
    event.type === 'person-registered'
      ? data.details
      : event.type === 'person-details-recorded'
        ? data.changes
        : undefined;
  return names?.forenames === undefined && names?.surname === undefined ? undefined : names;
}

/**
 * The name after an event that gives one. A change of only one part keeps the other as the
 * shown name has it (split back out of `display_name`), so folding a batch in memory gives
 * what folding event by event through the table gives.
 */
export function renamed(current: NameRow | undefined, names: Names): NameRow {
  const [oldForenames = '', oldSurname = ''] = current === undefined ? [] : current.display_name.split(SEPARATOR);
  return nameRow({ forenames: names.forenames ?? oldForenames, surname: names.surname ?? oldSurname });
}

/** A full name as the `people` table stores it. */
export function nameRow({ forenames, surname }: PersonName): NameRow {
  return { display_name: `${forenames}${SEPARATOR}${surname}`, search_name: searchable(`${forenames} ${surname}`) };
}

/**
 * Text as name search compares it: lower case, accents dropped and apostrophes made plain, so
 * "zoe" finds Zoë, "sean" Seán and "o'brien" O’Brien. Names and search words both go through it.
 */
export function searchable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
}

/**
 * A stored `searchable` name (or a search word) as name search matches it: no apostrophes and ß as
 * ss, so "obrien" finds O'Brien and "strasse" Straße. Done when comparing, never stored: the names
 * the read models keep are unchanged, and SQL compares them through `searchFoldedInSql`.
 */
export function searchFolded(text: string): string {
  return text.replaceAll("'", '').replaceAll('\u00df', 'ss');
}

/** `searchFolded` of the text column `column`, in SQL (`searchable` has made every apostrophe a straight one). */
export const searchFoldedInSql = (column: string): string => `replace(replace(${column}, '''', ''), '\u00df', 'ss')`;

/**
 * A record's names (its own, then each alias) as name search compares them: forenames first. A
 * one-word alias (stored with an empty surname) may be a street name or a maiden or former surname,
 * and the record does not say which, so it is searched as the matcher reads it, both ways: with the
 * recorded surname ("tiny smithson") and after the recorded forenames ("sarah pritchard"), besides
 * alone. Only the record's own name is paired with it, so a panel searches only what it recorded.
 */
export function searchNamesOf(
  details: Partial<PersonName> & { readonly aliases?: readonly Partial<PersonName>[] },
): string[] {
  const full = ({ forenames, surname }: Partial<PersonName>) => searchable(`${forenames} ${surname}`);
  return [
    full(details),
    ...(details.aliases ?? []).flatMap((alias) =>
      alias.surname === ''
        ? [
            full(alias),
            full({ forenames: alias.forenames, surname: details.surname }),
            full({ forenames: details.forenames, surname: alias.forenames }),
          ]
        : [full(alias)],
    ),
  ];
}

/** The name as the tracker and agendas show it: forenames and surname, the stored separator a space. */
export function shownName(displayName: string | null | undefined): string | null {
  return displayName?.replace(SEPARATOR, ' ') ?? null;
}
