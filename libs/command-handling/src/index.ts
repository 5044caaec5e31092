export * from './decider';
export * from './rejections';
export * from './command-context';
export * from './handle-command';
export * from './turns';
