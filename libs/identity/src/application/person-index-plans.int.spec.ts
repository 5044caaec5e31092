import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PERSON_INDEX } from '../projections';
import { personIndexLog } from '../projections/testing/person-index-log';
import { PersonIndexQuery } from './person-index.query';

const AT = '2024-06-03T10:00:00.000Z';
const DETAILS = { forenames: 'Morwenna', surname: 'Syntheticson', aliases: [], identifiers: {} };

/**
 * At 50,000 cases a person lookup that scans `records` or `cases` costs tens of milliseconds, and
 * a MARAC agenda pays one per item. Without statistics (nothing here runs ANALYZE) SQLite plans
 * as it does on a full log, so the plans of a small index are those operators get at scale.
 */
describe('person index queries at scale', () => {
  const { record, caughtUp } = personIndexLog('journey-plans');
  let readModels: ReadModelDatabase;
  let prepared: string[];

  const register = (personId: string, details: object = DETAILS) =>
    record(`person-${personId}`, 'person-registered', { personId, details }, AT);
  const propose = (proposalId: string, personIds: [string, string]) =>
    record(
      `personmatch-${proposalId}`,
      'match-proposed',
      { proposalId, personIds, score: 3, levels: {}, guards: [], occurredAt: AT },
      AT,
    );
  const refer = (caseId: string, panelCode: string, personId: string, perpetratorId?: string) =>
    record(
      `case-${caseId}`,
      'referral-made',
      {
        caseId,
        panelCode,
        personId,
        occurredAt: AT,
        details:
          perpetratorId === undefined
            ? { kind: panelCode.toLowerCase() }
            : { kind: 'marac', perpetrator: { personId: perpetratorId, details: DETAILS } },
      },
      AT,
    );

  beforeEach(async () => {
    for (const id of ['nominal', 'victim', 'child', 'other']) await register(id);
    await refer('case-iom', 'IOM', 'nominal');
    await refer('case-marac', 'MARAC', 'victim', 'nominal');
    await refer('case-alliance', 'ALLIANCE', 'child');
    await refer('case-alliance-2', 'ALLIANCE', 'other');
    await refer('case-iom-2', 'IOM', 'other');
    await watchStatements();
  });

  /** Catches the index up with the log and notes every statement prepared from then on. */
  const watchStatements = async () => {
    readModels = await caughtUp();
    prepared = [];
    const db = readModels.connection;
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare);
  };
  afterEach(() => jest.restoreAllMocks());

  /** The plan lines that read a whole table of the index (or a whole index of one), per statement. */
  const tableScans = (): string[] =>
    prepared.flatMap((sql) => {
      const tables = new Set<string>();
      for (const [, table, alias] of sql.matchAll(
        /(?:FROM|JOIN)\s+(person_index_v\d+_\w+)(?:\s+(?!ON\b|WHERE\b|JOIN\b|CROSS\b|LEFT\b|ORDER\b|GROUP\b|UNION\b)(\w+))?/g,
      )) {
        tables.add(table!);
        if (alias !== undefined) tables.add(alias);
      }
      const parameters = sql.match(/\?/g)?.length ?? 0;
      const plan = readModels.connection
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...Array<string>(parameters).fill('x'));
      return plan
        .map((row) => row.detail)
        .filter((detail) => tables.has(/^SCAN (\w+)/.exec(detail)?.[1] ?? ''))
        .map((detail) => `${detail} in: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`);
    });

  it('looks a person up (records, cases, cases naming them) through indexes only', () => {
    expect(new PersonIndexQuery(readModels).person('nominal')?.namedOn.map((c) => c.caseId)).toEqual(['case-marac']);
    expect(prepared.length).toBeGreaterThan(0);
    expect(tableScans()).toEqual([]);
  });

  it('reads the people of a tracker page through indexes only (cases held, names)', () => {
    const query = new PersonIndexQuery(readModels);
    const page = [
      { caseId: 'case-iom', referralPersonId: 'nominal' },
      { caseId: 'case-iom-2', referralPersonId: 'other' },
    ];
    expect(query.casesHeldWith(page).map((c) => c.caseId)).toHaveLength(3);
    const names = query.panelRecordsOfCases(page, 'IOM').map((c) => [c.caseId, c.own?.surname]);
    // The other's one record went to the Alliance referral made first: the IOM case brought none.
    expect(names).toEqual([
      ['case-iom', 'Syntheticson'],
      ['case-iom-2', undefined],
    ]);
    expect(tableScans()).toEqual([]);
  });

  it("searches a panel's names scanning the names alone, and checks a tracker's case through indexes", () => {
    const query = new PersonIndexQuery(readModels);
    const db = readModels.connection;
    const search = readModels.read(() => query.casesNamedInSql(db, 'IOM', ['morwenna', 'synthetic']));
    if (search === undefined) throw new Error('the index answers in SQL');
    expect(
      db
        .prepare<unknown[], string>(search.named.sql)
        .pluck()
        .all(...search.named.params),
    ).toEqual(['case-iom']);
    // Only a case the index has not reached is pending, found by its key: one whose referral
    // brought no record of its own (case-iom-2) is not, as waiting would not name it.
    const unnamed = (caseId: string) =>
      db
        .prepare<[], number>(`SELECT ${search.unnamed(`'${caseId}'`).sql}`)
        .pluck()
        .get();
    expect([unnamed('case-iom'), unnamed('case-iom-2'), unnamed('case-not-yet-indexed')]).toEqual([0, 0, 1]);
    expect(tableScans().filter((scan) => !scan.startsWith('SCAN n '))).toEqual([]);
  });

  it('says in SQL, through keys only, whom each of a list of cases is about now and whom an id stands for', () => {
    const query = new PersonIndexQuery(readModels);
    const db = readModels.connection;
    const now = readModels.read(() => query.peopleNowInSql(db));
    if (now === undefined) throw new Error('the index answers in SQL');
    const of = now.personOfCase('of', 'l.case_id', 'l.person_id');
    const current = now.current('id', 'l.person_id');
    const listed = [
      ['case-iom', 'nominal'],
      ['case-not-yet-indexed', 'other'],
      ['case-not-yet-indexed', 'never-registered'],
    ];
    const rows = db
      .prepare<string[], { person: string; current: string | null }>(
        `SELECT ${of.expression} AS person, ${current.expression} AS current
           FROM (${listed.map(() => 'SELECT ? AS case_id, ? AS person_id').join(' UNION ALL ')}) l ${of.joins} ${current.joins}`,
      )
      .all(...listed.flat());
    expect(rows).toEqual(
      listed.map(([caseId, personId]) => ({
        person: query.personOfCase(caseId as string, personId as string),
        current: query.current(personId as string) ?? null,
      })),
    );
    expect(rows.map((row) => row.current)).toEqual(['nominal', 'other', null]);
    expect(tableScans()).toEqual([]);
  });

  it('leaves out of the queue a pair holding different PNC IDs, reading what each holds through indexes only', async () => {
    // Valid PNC IDs of made-up serials; two people under one name who are different men.
    const namesake = (pnc: string) => ({ ...DETAILS, surname: 'Conflicta', identifiers: { pnc } });
    await register('namesake', namesake('1979/0009801E'));
    await register('namesake-2', namesake('1979/0009802F'));
    await refer('case-namesake', 'IOM', 'namesake');
    await refer('case-namesake-2', 'MARAC', 'namesake-2');
    await propose('conflicting', ['namesake', 'namesake-2']);
    await propose('confirmable', ['victim', 'child']);
    await watchStatements();
    const query = new PersonIndexQuery(readModels);

    expect(query.openReviews().map((review) => review.id)).toEqual(['confirmable']);
    expect(query.identifierConflict('namesake', 'namesake-2')).toEqual(['pnc']);
    expect(prepared.some((sql) => sql.includes('$.identifiers'))).toBe(true);
    expect(tableScans()).toEqual([]);
    // What the queue checks is what a confirmation is given: the identifiers of the records `person` holds.
    for (const id of ['namesake', 'nominal'])
      expect(query.identifiersHeld(id)).toEqual(query.person(id)?.records.map((r) => r.details.identifiers));
  });

  it('leaves out of the queue a victim and the perpetrator her MARAC case names, reading their cases through indexes only', async () => {
    await propose('named', ['nominal', 'victim']);
    await propose('confirmable', ['victim', 'child']);
    await watchStatements();
    const query = new PersonIndexQuery(readModels);

    expect(query.openReviews().map((review) => review.id)).toEqual(['confirmable']);
    expect(query.namingBetween('nominal', 'victim')).toEqual({
      caseId: 'case-marac',
      panel: 'MARAC',
      victim: 'victim',
      perpetrator: 'nominal',
    });
    expect(query.namingBetween('victim', 'child')).toBeUndefined();
    expect(tableScans()).toEqual([]);
  });

  it('reads the splits once per queue read, however many people it holds, through an index', async () => {
    await propose('first', ['victim', 'child']);
    await propose('second', ['nominal', 'other']);
    await watchStatements();
    const statements = jest.spyOn(readModels, 'statement');
    const query = new PersonIndexQuery(readModels);

    expect(query.openReviews().map((review) => review.id)).toEqual(['first', 'second']);
    const tables = readModels.tables(PERSON_INDEX);
    const splitReads = statements.mock.calls.filter(([, sql]) => sql(tables).includes('split_from'));
    expect(splitReads).toHaveLength(1);
    expect(tableScans()).toEqual([]);
  });

  it('reads a record as it stood before a change by its key', async () => {
    const moved = { changes: { address: '1 Refuge Lane' }, occurredAt: AT };
    await record('person-victim', 'person-details-recorded', moved, AT);
    await watchStatements();
    const query = new PersonIndexQuery(readModels);
    const [registered] = query.person('victim')?.records ?? [];
    if (registered === undefined) throw new Error('the victim holds her registration');

    expect(query.asOf(registered, registered.position)?.details.address).toBeUndefined();
    expect(prepared.some((sql) => sql.includes('details_before'))).toBe(true);
    expect(tableScans()).toEqual([]);
  });

  it('finds the overlaps in one statement, whatever the number of people', () => {
    const statements = jest.spyOn(readModels, 'statement');
    const page = new PersonIndexQuery(readModels).overlaps({ limit: 100 });
    expect(page.items.map((o) => [o.personId, o.panels])).toEqual([
      ['nominal', ['IOM', 'MARAC']],
      ['other', ['ALLIANCE', 'IOM']],
    ]);
    expect(statements).toHaveBeenCalledTimes(1);
  });
});
