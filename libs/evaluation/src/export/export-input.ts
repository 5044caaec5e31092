import { findPanel, type PanelRegistry } from '../../../case-lifecycle/src/domain/panel-registry';
import { isCalendarDate } from '../../../case-lifecycle/src/http/dto/calendar-date.validator';
import { forbidden, invalid, ruleRefused } from '../../../command-handling/src/rejections';
import type { Principal } from '../../../platform/src/auth/principal';
import type { JobRequest } from '../../../jobs/src/job-kind';
import { checkPeriodQuery } from '../http/report-response';
import type { ExportFormat } from './domain/export-formats';

export interface ExportInput {
  readonly from: string;
  readonly to: string;
  readonly panels: readonly string[];
  readonly format: ExportFormat;
  readonly coarsenDatesToMonth: boolean;
  readonly linkablePseudonyms: boolean;
}

const PANEL = /^[A-Z][A-Z0-9_-]{1,30}$/;

/**
 * `{ from, to, panels, format?, coarsenDatesToMonth?, linkablePseudonyms? }`. Linkable pseudonyms
 * use the admin-held key, so only an admin may ask for them, and only when the key is configured.
 */
export function parseExportInput(
  request: JobRequest,
  principal: Principal,
  keyConfigured: boolean,
  registry: PanelRegistry,
): ExportInput {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('body', 'json-object', 'send a JSON object: { from, to, panels, format? }');
  }
  const b = body as Record<string, unknown>;
  const date = (field: 'from' | 'to'): string => {
    const value = b[field];
    // The reports' parser and period rules, so the export and a report agree on what a period is.
    if (!isCalendarDate(value)) {
      throw invalid(field, 'calendar-date', `${field} must be a real date in the form YYYY-MM-DD`);
    }
    return value;
  };
  const from = date('from');
  const to = date('to');
  checkPeriodQuery({ from, to });
  const panels = b.panels;
  if (!Array.isArray(panels) || panels.length === 0 || panels.length > 20) {
    throw invalid('panels', 'panel-list', 'panels must list 1 to 20 panel codes, e.g. ["MARAC"]');
  }
  const codes = panels.map((p) => (typeof p === 'string' ? p.trim().toUpperCase() : ''));
  const bad = codes.findIndex((code) => !PANEL.test(code));
  if (bad >= 0) throw invalid(`panels[${bad}]`, 'panel-code', 'panel codes are letters and digits, e.g. MARAC');
  // An unknown code would export no records, which reads as "nobody": refused as the cohort report does.
  const unknownPanel = codes.findIndex((code) => findPanel(registry, code) === undefined);
  if (unknownPanel >= 0) {
    throw invalid(`panels[${unknownPanel}]`, 'known-panel', `no panel ${codes[unknownPanel]} in the registry`);
  }
  const format = b.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw invalid('format', 'export-format', 'format must be ndjson or csv');
  const flag = (field: 'coarsenDatesToMonth' | 'linkablePseudonyms', byDefault: boolean): boolean => {
    const value = b[field] ?? byDefault;
    if (typeof value !== 'boolean') throw invalid(field, 'boolean', `${field} must be true or false`);
    return value;
  };
  // Private by default: exact dates narrow a person down, so they are given only when asked for.
  const coarsenDatesToMonth = flag('coarsenDatesToMonth', true);
  const linkablePseudonyms = flag('linkablePseudonyms', false);
  if (linkablePseudonyms && !principal.roles.includes('admin')) {
    throw forbidden('linkable-pseudonyms-admin-only', 'only an admin may ask for linkable pseudonyms');
  }
  if (linkablePseudonyms && !keyConfigured) {
    throw ruleRefused(
      'export-pseudonym-key-configured',
      'linkable pseudonyms need EXPORT_PSEUDONYM_KEY to be configured',
      'linkablePseudonyms',
    );
  }
  const known = ['from', 'to', 'panels', 'format', 'coarsenDatesToMonth', 'linkablePseudonyms'];
  const unknown = Object.keys(b).find((k) => !known.includes(k));
  if (unknown !== undefined) throw invalid(unknown, 'unknown-field', `${unknown} is not an export option`);
  return { from, to, panels: [...new Set(codes)].sort(), format, coarsenDatesToMonth, linkablePseudonyms };
}
