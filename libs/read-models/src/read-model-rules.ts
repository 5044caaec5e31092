/** The rule a client reads to tell "a view is being built, retry" from any other 503. */
export const READ_MODEL_REBUILDING = 'read-model-rebuilding';
