/**
 * Architecture rules checked in CI (`npm run depcheck`). Domain code is the part the people
 * using this system must be able to trust by reading: it stays free of frameworks and I/O.
 */
const INFRASTRUCTURE = [
  '^@nestjs/',
  '^@eventstore/',
  '^@kurrent/',
  '^bullmq',
  '^ioredis',
  '^better-sqlite3',
  '^sqlite3',
  '^express',
  '^jose',
  '^pino',
  '^nestjs-pino',
];
const IO_BUILTINS = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'dgram',
  'dns',
  'tls',
  'worker_threads',
  'cluster',
];

module.exports = {
  forbidden: [
    {
      name: 'domain-free-of-infrastructure',
      severity: 'error',
      comment:
        'libs/*/src/domain must not import Nest, the event store client, BullMQ, ioredis, SQLite or other infrastructure.',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: INFRASTRUCTURE.map((p) => p.replace('^', '^(node_modules/)?')) },
    },
    {
      name: 'domain-free-of-io',
      severity: 'error',
      comment: 'Domain code does no I/O: no file system, network, processes or threads.',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS.map((m) => `^(node:)?${m}$`) },
    },
    {
      name: 'domain-depends-only-on-domain',
      severity: 'error',
      comment:
        'Domain code may use other pure code (deciders, rejections, other domains) but not application, HTTP or adapter layers. Its specs may also use testing fixtures.',
      from: { path: '^libs/[^/]+/src/domain/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^(libs|apps)/',
        pathNot: [
          '^libs/[^/]+/src/domain/',
          '^libs/command-handling/src/(decider|rejections)\\.ts$',
          '^libs/event-store/src/port/event-envelope\\.ts$',
        ],
      },
    },
    {
      name: 'event-store-client-confined',
      severity: 'error',
      comment: 'Only the EventStoreDB adapter folder may import the gRPC client, so a client swap touches one folder.',
      from: { pathNot: '^libs/event-store/src/eventstoredb/' },
      to: { path: '^(node_modules/)?@(eventstore|kurrent)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
