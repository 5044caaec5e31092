import type { PeopleNowInSql } from '../../../identity/src/application/person-index.query';
import { MANAGED_DECISIONS } from './cohort-rejections';
import { eligibilityClause, OPEN_CASE, type CohortClause } from './cohort-select';

interface Tables {
  table(local: string): string;
}

/**
 * The import's words on one person, best first: by month then log position (and, between two of an
 * upload's rows for ids now one person, the one listing them eligible).
 */
const BEST_BY_MONTH = 'month DESC, position DESC, eligible DESC';
/** The cases' own words on one person, best first: the one true latest, then the later recorded. */
const BEST_BY_INSTANT = 'at DESC, position DESC';

/** A person's cases of the panel, the latest referral first (the tracker's referral order, reversed). */
const LATEST_REFERRAL = 'referred_order DESC, case_id DESC';

/**
 * Of the best upload word under ids the index knows (`uw`) and that under an id it never saw
 * (`ud`: the person, or whom their pointers reach), the better by `BEST_BY_MONTH`; `stored`: the
 * column's name in the table `ud` reads.
 */
const laterOf = (
  column: string,
  stored = column,
) => `CASE WHEN ud.position IS NOT NULL AND (uw.position IS NULL OR ud.month > uw.month
    OR (ud.month = uw.month AND (ud.position > uw.position OR (ud.position = uw.position AND ud.eligible > uw.eligible))))
  THEN ud.${stored} ELSE uw.${column} END`;

/** Whether the person's own word (`own_`) is later than their monthly word: true later, then recorded later. */
const OWN_IS_LATER = `monthly_position IS NULL OR own_at > monthly_at
  OR (own_at = monthly_at AND own_position > monthly_position)`;

/**
 * `eligible-not-adopted` decided in SQL: what `standingGaps` then `stillEligible` keep of
 * the panel's candidates, with who a case is about now and whose ids an upload named from the
 * person index (`people`, on the same connection). Each person's words are gathered once per
 * statement (MATERIALIZED), so the page and its count read and judge no row in JavaScript.
 */
export function notAdoptedInSql(tables: Tables, panel: string, people: PeopleNowInSql): CohortClause {
  const cases = tables.table('cases');
  const scope = eligibilityClause('eligible-not-adopted');
  const ofCase = (alias: string) => people.personOfCase(`${alias}_now`, `${alias}.case_id`, `${alias}.person_id`);
  const [c, o, m, e] = [ofCase('c'), ofCase('o'), ofCase('m'), ofCase('e')];
  const candidateNow = people.current('k_now', `(${c.expression})`);
  const uploadNow = people.current('u_now', 'u.person_id');
  const sql = `not_adopted(case_id) AS MATERIALIZED (
    WITH candidate AS MATERIALIZED (
      SELECT c.case_id, COALESCE(c.phase = 'declined' AND c.iom_decision = 'rejected', 0) AS rejected,
             c.referred_order, ${c.expression} AS person, ${candidateNow.expression} AS now
        FROM ${cases} c ${c.joins} ${candidateNow.joins} WHERE c.panel = ? AND (${scope.sql})),
    panel_case AS MATERIALIZED (
      SELECT ${o.expression} AS person, o.case_id, o.referred_order, o.${OPEN_CASE} AS open
        FROM ${cases} o ${o.joins} WHERE o.panel = ? AND EXISTS (SELECT 1 FROM candidate WHERE rejected)),
    -- A rejection stands while it is the person's latest referral to the panel and they hold no open case.
    panel_person AS MATERIALIZED (
      SELECT person, holds_open, case_id AS latest_case FROM (
        SELECT person, case_id, MAX(open) OVER (PARTITION BY person) AS holds_open,
               ROW_NUMBER() OVER (PARTITION BY person ORDER BY ${LATEST_REFERRAL}) AS n
          FROM panel_case) WHERE n = 1),
    -- People the panel manages now, on an open adopted or discretionary case: no referral of theirs is a gap.
    managed AS MATERIALIZED (
      SELECT DISTINCT ${m.expression} AS person FROM ${cases} m ${m.joins}
       WHERE m.panel = ? AND m.${OPEN_CASE} AND m.iom_decision IN ${MANAGED_DECISIONS}),
    -- Of a person's referrals awaiting a decision (a merge revealed them), the first referred is the gap.
    first_awaiting AS MATERIALIZED (
      SELECT case_id FROM (
        SELECT case_id, ROW_NUMBER() OVER (PARTITION BY person ORDER BY referred_order, case_id) AS n
          FROM candidate WHERE NOT rejected) WHERE n = 1),
    case_word AS MATERIALIZED (
      SELECT ${e.expression} AS person, e.track, e.month, e.eligible, e.position, e.occurred_at AS at
        FROM ${tables.table('iom_case_evidence')} e ${e.joins}),
    own_word AS MATERIALIZED (
      SELECT person, at, position, eligible FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY person ORDER BY ${BEST_BY_INSTANT}) AS n
          FROM case_word WHERE track = 'own') WHERE n = 1),
    monthly_case_word AS MATERIALIZED (
      SELECT person, month, position, eligible, at FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY person ORDER BY ${BEST_BY_MONTH}) AS n
          FROM case_word WHERE track = 'upload') WHERE n = 1),
    -- An upload's word counts for every id now standing for the same person the index knows.
    upload_now AS MATERIALIZED (
      SELECT ${uploadNow.expression} AS now, u.month, u.position, u.eligible, u.occurred_at AS at
        FROM ${tables.table('iom_upload_evidence')} u ${uploadNow.joins}),
    upload_word AS MATERIALIZED (
      SELECT now, month, position, eligible, at FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY now ORDER BY ${BEST_BY_MONTH}) AS n
          FROM upload_now WHERE now IS NOT NULL) WHERE n = 1),
    worded AS (
      SELECT k.case_id, k.rejected, pp.holds_open, pp.latest_case, k.person IN managed AS managed,
             ow.at AS own_at, ow.position AS own_position, ow.eligible AS own_eligible,
             mc.month AS case_month, mc.position AS case_position, mc.eligible AS case_eligible, mc.at AS case_at,
             ${laterOf('month')} AS upload_month, ${laterOf('position')} AS upload_position,
             ${laterOf('eligible')} AS upload_eligible, ${laterOf('at', 'occurred_at')} AS upload_at
        FROM candidate k
        LEFT JOIN panel_person pp ON k.rejected AND pp.person = k.person
        LEFT JOIN own_word ow ON ow.person = k.person
        LEFT JOIN monthly_case_word mc ON mc.person = k.person
        LEFT JOIN upload_word uw ON uw.now = k.now
        -- An id the index never saw: the person, or whom their pointers reach (a known one is in uw too).
        LEFT JOIN ${tables.table('iom_upload_evidence')} ud ON ud.person_id = COALESCE(k.now, k.person)),
    monthly AS (
      SELECT *, CASE WHEN upload_position IS NOT NULL AND (case_position IS NULL OR upload_month > case_month
                       OR (upload_month = case_month AND upload_position > case_position))
                     THEN 1 ELSE 0 END AS from_upload FROM worded),
    latest AS (
      SELECT *, CASE WHEN from_upload = 1 THEN upload_position ELSE case_position END AS monthly_position,
                CASE WHEN from_upload = 1 THEN upload_at ELSE case_at END AS monthly_at,
                CASE WHEN from_upload = 1 THEN upload_eligible ELSE case_eligible END AS monthly_eligible FROM monthly)
    SELECT case_id FROM latest
     WHERE NOT (rejected AND (holds_open = 1 OR latest_case <> case_id)) AND NOT managed
       AND (rejected OR case_id IN first_awaiting)
       AND (CASE WHEN ${OWN_IS_LATER} THEN own_eligible ELSE monthly_eligible END) IS NOT 0)`;
  return {
    sql: 'c.case_id IN not_adopted',
    params: [],
    with: { sql, params: [panel, ...scope.params, panel, panel] },
  };
}
