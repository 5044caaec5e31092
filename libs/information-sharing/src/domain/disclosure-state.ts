/** A register entry as its own events settle it; apart from the decider so the panel correction can read it too. */
export type DisclosureState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly disclosureId: string;
      readonly kind: 'shared' | 'withheld';
      readonly fromAgency: string;
      readonly toAgency: string;
      readonly personId: string | null;
      readonly caseId: string | null;
      /** As the entry's own events settle it (recorded, or corrected); null: the register infers it. */
      readonly panel: string | null;
      /** When the sharing decision was made: a revocation cannot come before it. */
      readonly occurredAt: string;
      readonly revokedAt: string | null;
    };
