import type { Principal } from '../../../platform/src/auth/principal';

/** The IOM coordinator who uploads the synthetic files in the import's specs. */
export const UPLOAD_COORDINATOR: Principal = {
  id: 'u-coord',
  name: 'Test Coordinator',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};

/** The columns of a probation core-cohort file, as the specs' synthetic files carry them. */
export const COHORT_HEADER =
  'CRN,PNC,Forenames,Surname,DOB,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years,Status';
