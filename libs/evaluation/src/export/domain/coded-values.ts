import { ALLIANCE_PANEL } from '../../../../case-lifecycle/src/domain/panel-registry';
import { homeBoroughNamed } from '../../../../case-lifecycle/src/domain/rules/alliance-residence';
import { IOM_PATHWAYS } from '../../../../case-lifecycle/src/domain/vocabulary/iom';

/** Whatever a worker typed that is not in the fixed vocabulary: counted, never repeated. */
export const OTHER = 'other';

const normalised = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/**
 * An intervention's pathway is typed freely (up to 100 characters), so only the seven
 * reducing-reoffending pathway codes pass through; anything else could be a place or a name.
 */
export function interventionPathway(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = normalised(value);
  return (IOM_PATHWAYS as readonly string[]).includes(code) ? code : OTHER;
}

const HOME_BOROUGHS = ALLIANCE_PANEL.rules.kind === 'alliance' ? ALLIANCE_PANEL.rules.homeBoroughs : [];

/**
 * Alliance residence is typed freely; it becomes the scheme's home borough it names (as the
 * registry spells it, read as the out-of-area rule and the Alliance report read it) or `other`.
 */
export function allianceResidence(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return homeBoroughNamed(value, HOME_BOROUGHS) ?? OTHER;
}

/** Free text on exported event types that the export leaves out, and why: shipped in the dictionary. */
export const WITHHELD_FREE_TEXT = [
  {
    field: 'intervention type',
    events: 'intervention-arranged',
    why: 'free text (up to 200 characters); has named a refuge and its street on a MARAC case',
  },
  {
    field: 'intervention provider',
    events: 'intervention-arranged',
    why: 'free text naming an organisation, often with its address; places the person',
  },
  {
    field: 'intervention pathway (other than the seven pathway codes)',
    events: 'intervention-arranged',
    why: 'free text; exported as one of the seven pathway codes or "other"',
  },
  {
    field: 'action owner agency',
    events: 'action-agreed',
    why: 'free text; can name a refuge or a local service; no agency vocabulary to map it to',
  },
  {
    field: 'referrer agency',
    events: 'referral-made',
    why: 'free text; can name a refuge or a local service; no agency vocabulary to map it to',
  },
  {
    field: 'IOM decision reason',
    events: 'iom-case-adopted, iom-case-rejected, iom-discretionary-adoption',
    why: 'free text; has named a victim and her address; a rejection or discretionary adoption is exported as its category',
  },
  {
    field: 'IOM index offence',
    events: 'referral-made (IOM)',
    why: 'free text from the probation cohort upload; can carry places, names and dates',
  },
  {
    field: 'Alliance custody suite',
    events: 'referral-made (ALLIANCE), alliance-engagement-recorded',
    why: 'free text; with the month, age band and borough it narrows a child to a handful of arrests',
  },
  {
    field: 'Alliance residence (other than a home borough)',
    events: 'alliance-engagement-recorded, alliance-residence-recorded',
    why: 'free text; exported as the scheme’s home borough named or "other"',
  },
  {
    field: 'ethnicity, disability and language as typed',
    events: 'person-registered, person-details-recorded, person-record-details-recorded',
    why: 'free text has carried an address beside an ethnicity; exported as ethnic_group, ethnic_category, disability and language codes',
  },
  {
    field: 'Alliance age at engagement in whole years',
    events: 'alliance-engagement-recorded',
    why: 'an exact age beside month, borough and outcome singles out a child; exported as alliance_age_band',
  },
] as const;
