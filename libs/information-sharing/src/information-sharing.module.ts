import { Global, Module } from '@nestjs/common';
import { panelRegistryProvider } from '../../case-lifecycle/src/application/configured-panel-registry';
import { PersonIndexQuery } from '../../identity/src/application/person-index.query';
import { CaseVisibilityService } from './application/case-visibility.service';
import { DisclosureRegister } from './application/disclosure-register';
import { Disclosures } from './application/disclosures.service';
import { RegisterReadings } from './application/register-readings';
import { SharingAgreements } from './application/sharing-agreements.service';
import { SubjectReaders } from './application/subject-readers';
import { DisclosuresController } from './http/disclosures.controller';
import { SharingAgreementsController } from './http/sharing-agreements.controller';
import { CASE_VISIBILITY } from './published/case-visibility';
import { PERSON_DISCLOSURES } from './published/person-disclosures';

/**
 * Data sharing agreements, the disclosure register, and what disclosures open. Global so that
 * the case views (another context) can ask CASE_VISIBILITY without importing this module.
 */
@Global()
@Module({
  controllers: [SharingAgreementsController, DisclosuresController],
  providers: [
    SharingAgreements,
    Disclosures,
    DisclosureRegister,
    RegisterReadings,
    SubjectReaders,
    CaseVisibilityService,
    PersonIndexQuery,
    // The registry in force names the contact on an "also known to" marker of a configured panel.
    panelRegistryProvider,
    { provide: CASE_VISIBILITY, useExisting: CaseVisibilityService },
    { provide: PERSON_DISCLOSURES, useExisting: DisclosureRegister },
  ],
  exports: [CASE_VISIBILITY, PERSON_DISCLOSURES, DisclosureRegister],
})
export class InformationSharingModule {}
