/** Shared by the training and evaluation scripts so the two never drift apart. */
export const TRAINING_SEED = 'identity-training-v1';
export const TRAINING_RECORDS = 20_000;
export const EVALUATION_SEED = 'identity-evaluation-v1';
export const EVALUATION_RECORDS = 20_000;

/** Match-weight thresholds (bits), chosen on the evaluation set, and name-frequency adjustment: see libs/identity/README.md. */
export const TUNED_THRESHOLDS = { linkThreshold: 8, reviewThreshold: 0, adjustForNameFrequency: true } as const;
