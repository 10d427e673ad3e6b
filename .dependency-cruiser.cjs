/**
 * Architecture rules, checked by `npm run lint`.
 * Imports flow one way: domain <- handlers <- {bot, jobs} <- app; store is used by handlers and jobs.
 */
const IO_PACKAGES =
  '^(@prisma|pg|ioredis|bullmq|telegraf|axios|fastify|pino|node-cron|exceljs|csv-parse|docx|@resvg)(/|$)';
const NODE_IO =
  '^(node:)?(fs|fs/promises|net|http|https|child_process|dgram|dns|tls|cluster|worker_threads)$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ holds pure logic: it imports only domain/ and pure libraries, never I/O, store or adapters',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(app|bot|cli|handlers|jobs|store|prisma|test)/' },
    },
    {
      name: 'domain-no-io-libraries',
      comment: 'tests of domain code may read fixture files',
      severity: 'error',
      from: { path: '^domain/', pathNot: '[.]test[.]ts$' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'core'],
        path: `${IO_PACKAGES}|${NODE_IO}`,
      },
    },
    {
      name: 'handlers-not-adapters',
      comment: 'use cases see channels and queues through ports, never the adapters themselves',
      severity: 'error',
      from: { path: '^handlers/' },
      to: { path: '^(app|bot|cli|jobs)/|(^|/)node_modules/(telegraf|axios|bullmq|node-cron|fastify)/' },
    },
    {
      name: 'telegram-not-zalo',
      severity: 'error',
      from: { path: '^bot/telegram/' },
      to: { path: '^bot/zalo/' },
    },
    {
      name: 'zalo-not-telegram',
      severity: 'error',
      from: { path: '^bot/zalo/' },
      to: { path: '^bot/telegram/' },
    },
    {
      name: 'bot-not-jobs',
      severity: 'error',
      from: { path: '^bot/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(jobs|cli|app)/' },
    },
    {
      name: 'jobs-not-bot',
      severity: 'error',
      from: { path: '^jobs/', pathNot: '[.]test[.]ts$' },
      to: { path: '^(bot|cli|app)/' },
    },
    {
      name: 'store-is-a-leaf-adapter',
      comment: 'the store may name port types (ChannelId, IncomingMessage) but never call handler code',
      severity: 'error',
      from: { path: '^store/' },
      to: { path: '^(app|bot|cli|handlers|jobs)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'production-never-imports-fakes',
      comment: 'tests beside production code may use the fakes',
      severity: 'error',
      from: { path: '^(app|bot|domain|handlers|jobs|store)/', pathNot: '[.]test[.]ts$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(prisma/generated|node_modules|demo-output|coverage|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
