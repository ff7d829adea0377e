// Mutation testing of the code that runs in Lambda: both handlers and the Projects API client.
// Run it with `npx projen mutation` (add `--incremental` to rerun only what changed since the last
// run). Scores, run time and the mutants judged equivalent are in docs/mutation-testing.md.

// The handler tests normally load the bundles in assets/, which a mutant planted in src/ would
// not reach: this makes them load the TypeScript source (test/support/handler-module.ts). Set
// here so that a plain `npx stryker run` behaves like the projen task; the test runner processes
// inherit it.
process.env.HANDLER_FROM_SOURCE = '1';

// The test folders whose tests run, `test/<folder>/`. All four by default; a run scoped with
// `--mutate` to one folder may name only the folders whose tests reach it, e.g.
// `MUTATION_TESTS=cost-allocation/handler npx projen mutation --mutate src/cost-allocation/handler/x.ts`.
// The result is the same (each mutant runs only the tests that reach it either way), but Jest
// still loads every test file of the run for every mutant, about 2 s more per mutant here.
const TEST_FOLDERS = (process.env.MUTATION_TESTS ?? 'project/handler,cost-allocation/handler,projects-api,handler-shared')
  .split(',').map((folder) => folder.trim()).filter((folder) => folder !== '');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  mutate: [
    'src/project/handler/**/*.ts',
    'src/cost-allocation/handler/**/*.ts',
    'src/projects-api/**/*.ts',
    'src/handler-shared/**/*.ts',
  ],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // Jest finds related tests through static imports, and the harnesses load the handler by a
    // computed path: it would skip the handler tests. perTest coverage still runs each mutant
    // against only the tests that reach it.
    enableFindRelatedTests: false,
    // The package.json configuration, narrowed to the tests of the Lambda-side code; coverage,
    // its thresholds and the JUnit reporter belong to `npm test`.
    config: {
      testMatch: TEST_FOLDERS.map((folder) => `<rootDir>/test/${folder}/**/*.test.ts`),
      collectCoverage: false,
      coverageThreshold: undefined,
      reporters: ['default'],
    },
  },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Mutants that do not compile are discarded before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  // The machine running it is usually shared; more runners than cores only adds contention.
  concurrency: 2,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

export default config;
