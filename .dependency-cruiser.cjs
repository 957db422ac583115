// The layering of ARCHITECTURE.md as rules: `npm run lint:boundaries` (in .ci/run) fails when one breaks.
/** @type {import('dependency-cruiser').IConfiguration} */
const ENTRIES = '^src/(node|worker)[.]ts$|^src/cli/';
const NODE_ONLY = '^(node:|better-sqlite3$|@hono/node-server|postgres$|pg$|piscina$|undici$)|^(fs|path|os|url|crypto|zlib|net|dns|tls|https?|child_process|worker_threads|util|stream)$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain is the model and its rules: it imports nothing else of ours and no package.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'routes-only-parse-and-answer',
      comment: 'Routes parse, call one service method and answer: no store, runtime, credentials, verification or signing code.',
      severity: 'error',
      from: { path: '^src/routes/' },
      to: { path: '^src/(store|runtime|credentials|verify|status|qr|page|cli)/|^src/(node|worker)[.]ts$' },
    },
    {
      name: 'only-entries-know-the-runtime',
      comment: 'Only the entries (node.ts, worker.ts, the CLI) and src/runtime know which runtime they run on.',
      severity: 'error',
      from: { pathNot: `${ENTRIES}|^src/runtime/|^tests/|^scripts/` },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'node-modules-only-in-node-runtime',
      comment: 'Node built-ins and Node-only packages only in src/runtime/node and the Node entries.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/runtime/node/|^src/node[.]ts$|^src/cli/' },
      to: { path: NODE_ONLY, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-store-knows-the-store',
      comment: 'Outside src/store (and the runtime drivers), only the Store port (src/store/store.ts) is imported.',
      severity: 'error',
      from: { pathNot: '^src/store/|^src/runtime/|^tests/' },
      to: { path: '^src/store/', pathNot: '^src/store/store[.]ts$' },
    },
    {
      name: 'services-are-below-routes',
      comment: 'Data flows one way: route → service → domain/credentials/status/verify → ports.',
      severity: 'error',
      from: { path: '^src/(services|credentials|status|verify|qr|store|domain|views)/' },
      to: { path: '^src/(routes|cli)/|^src/app[.]ts$' },
    },
    {
      name: 'core-below-services',
      comment: 'Credentials, status lists, verification and QR codes are libraries for the services: they never call up into them.',
      severity: 'error',
      from: { path: '^src/(credentials|status|verify|qr|views)/' },
      to: { path: '^src/services/' },
    },
    {
      name: 'page-is-a-browser-bundle',
      comment: 'The verify page runs in browsers: no services, store, routes or runtime adapters.',
      severity: 'error',
      from: { path: '^src/page/' },
      to: { path: '^src/(services|store|routes|runtime|cli)/|^src/app[.]ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/schemas/validators[.]js$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
