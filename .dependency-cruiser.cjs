// Layering rules of DESIGN.md, checked by `npm run check` (npx depcruise .). schema/ is the bottom: tables,
// registry, rules, messages — pure and shared by every side. server/ and imports/ sit on it; web/ sits apart
// and may reach schema/ only (its bundle must never pull in the database, the write service or the importer).
// test/ and bench/ may import anything but are still held to "no cycles" through what they import.

// Pure modules of imports/ that the browser still runs (the sheet peek, the ledger's column list). Issue #15
// items 1 and 5 move them into one module both sides import; shrink this list as they go, never grow it.
const WEB_SHARED_FROM_IMPORTS = [
  'imports/readers/cells.ts',
  'imports/readers/xml.ts',
  'imports/readers/xlsx-sheet.ts',
  'imports/readers/xlsx-parts.ts',
  'imports/headers/ledger-fields.ts',
  'imports/headers/normalize-header.ts',
];
const anyOf = (files) => `^(${files.map((f) => f.replace(/[.]/g, '[.]')).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle makes load order decide behaviour (a hook registry read before it is filled) and ties ' +
        'modules that should be testable alone. Break it with a registry filled at composition or a smaller module.',
      // schema/rules/types.ts (the hand-typed row model) and context.ts use each other's types; issue #15 item 8
      // replaces that row model with types inferred from the tables, which ends this pair. Do not add others.
      from: { pathNot: '^schema/rules/(context|types)[.]ts$' },
      to: { circular: true },
    },
    {
      name: 'schema-imports-only-schema',
      severity: 'error',
      comment: 'schema/ is the shared bottom layer: no server, importer, web or test code may leak into it.',
      from: { path: '^schema/' },
      to: { path: '^(server|imports|web|test|bench)/' },
    },
    {
      name: 'web-imports-only-schema',
      severity: 'error',
      comment: 'The browser bundle runs our code only from schema/; type-only imports of server/imports types are erased.',
      from: { path: '^web/' },
      to: { path: '^(server|imports|test|bench)/', pathNot: anyOf(WEB_SHARED_FROM_IMPORTS), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-shared-stays-pure',
      severity: 'error',
      comment: 'What the browser runs from imports/ must not pull in server code or Node built-ins.',
      from: { path: anyOf(WEB_SHARED_FROM_IMPORTS) },
      to: { path: '^(server/|imports/run/|imports/cli)' },
    },
    {
      name: 'web-shared-has-no-node-builtins',
      severity: 'error',
      comment: 'What the browser runs from imports/ must not need Node.',
      from: { path: anyOf(WEB_SHARED_FROM_IMPORTS) },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pg-tables-stay-server-side',
      comment:
        'The PostgreSQL tables (schema/pg/) are built from the same plans as the SQLite ones for the server, drizzle-kit ' +
        'and the tests; the rest of schema/ and the browser bundle never load pg-core.',
      severity: 'error',
      from: { path: '^(web|schema)/', pathNot: '^schema/pg/' },
      to: { path: '^schema/pg/' },
    },
    {
      name: 'server-and-imports-never-import-web',
      severity: 'error',
      comment: 'web/ is the React console; the server and the importer must run without it.',
      from: { path: '^(server|imports|schema)/' },
      to: { path: '^web/' },
    },
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      comment: 'Product code must not depend on test helpers or benchmarks.',
      from: { path: '^(schema|server|imports|web)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves nowhere is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|drizzle)/' },
    // Type-only imports count: a cycle through `import type` still couples the modules' meaning.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
