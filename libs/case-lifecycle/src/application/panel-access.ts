import { notFound } from '../../../command-handling/src/rejections';
import type { Principal } from '../../../platform/src/auth/principal';

const CASE_WORKERS = ['coordinator', 'practitioner', 'admin'] as const;

/**
 * Case content is for members of the case's panel. A case of another panel answers exactly like a
 * case that does not exist (404), so ids guessed across panels reveal nothing.
 */
export function requirePanelMember(principal: Principal, panelCode: string, caseId: string): void {
  const worksCases = principal.roles.some((role) => (CASE_WORKERS as readonly string[]).includes(role));
  if (!worksCases || !principal.panels.includes(panelCode.toUpperCase())) {
    throw notFound('case-exists', `no case ${caseId}`);
  }
}

export function mayWorkOnPanel(principal: Principal, panelCode: string): boolean {
  return (
    principal.roles.some((role) => (CASE_WORKERS as readonly string[]).includes(role)) &&
    principal.panels.includes(panelCode.toUpperCase())
  );
}
