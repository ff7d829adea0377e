// Mutation testing of the code that runs in Lambda: both handlers and the Projects API client.
// Run it with `npx projen mutation` (add `--incremental` to rerun only what changed since the last
// run). Scores and run times are in docs/mutation-testing.md.
//
// Surviving mutants judged equivalent: each changes no behaviour a caller, CloudFormation or an
// operator reading the logs could observe. They are listed here rather than hidden with
// `// Stryker disable` comments, which would also hide the mutants of the same kind on the line
// that the tests do kill. Replacements as Stryker reports them.
//
// src/project/handler/
//   project-handler-plan.ts      `key === OWNERSHIP_TAG_KEY ||` in `kept` -> false: `wanted` always
//                                holds the mark's key, so `Object.hasOwn(wanted, key)` keeps it.
//   project-handler-properties.ts `retention === undefined ||` -> false: `retention` is then
//                                returned, and it is `undefined` anyway.
//   project-handler.lambda.ts `client.deadline - 1_000` -> `+` (the wait for a lost create's
//                 project): never the bound that applies; the create was sent before the work
//                 deadline, so the 5 s settle time always ends earlier (with the current margins).
//   project-handler.lambda.ts the message of the error for a list with no time to settle -> "":
//                 never shown; the create's own error always replaces it in the failure.
//   project-handler.lambda.ts `next <= 0` -> `< 0` (list polling): differs only when a read ends
//                 on the wait's last millisecond; one more read, the same decision.
//   project-handler.lambda.ts `return true` -> false in `mayHaveCreated` for an error that is not
//                 a ProjectsApiError: unreachable, the client turns every failure into one.
//   project-handler.lambda.ts `Date.now() < lostCreateAt + LIST_SETTLE_MS` -> `<=`: differs on
//                 one millisecond, where giving up and creating again are both acceptable.
// src/handler-shared/
//   retry.ts      `>= options.deadline` -> `>`: differs only when the sum lands on the deadline's
//                 exact millisecond.
//   retry.ts      `value >= 0` -> `value > 0` (retryAfterMs): advice of 0 ms and no advice both add
//                 no wait.
//   handler-log.ts `cause === undefined ||` -> false: `errorForLog(undefined)` returns undefined.
// src/projects-api/
//   projects-client.ts `input.tags !== undefined` -> true: JSON.stringify drops an undefined
//                 property, so the same body is sent.
//   projects-client.ts `spec.body === undefined` -> false: JSON.stringify(undefined) is undefined,
//                 so the same request is sent.
//   projects-client.ts `lastFailure.type !== CLIENT_ERROR_TYPES.timeout` -> true: the earlier
//                 failure reported is then a timeout of the same call; the message is rebuilt from
//                 the attempts and time, the same either way.
//   projects-api-error.ts `typeof error === 'string'` -> true: the value goes through
//                 `stringOrUndefined`, which drops non-strings.
//   projects-api-error.ts `value.trim() === ''` in the Retry-After reader -> false, `value.trim()`
//                 -> `value`, `''` -> another string: a blank header still fails the seconds pattern
//                 and Date.parse, so it is no advice either way.
// src/cost-allocation/handler/
//   response-data.ts `i < keys.length` -> `<=`: the loop always ends at a key that does not fit.
//   start-backfill.ts `backfillFrom < earliest` -> `<=`: on equality both return the same month.
//   cost-explorer-errors.ts the `$` of the not-found pattern: `.+` with the `s` flag runs to the
//                 end anyway; the `?? ''` defaults of the retry check -> another string (3): no
//                 throttling name, network code or wrapper text is that string either.
//   reconcile-tags.ts `at > best.at` -> `>=`: equal instants.
//   backfill-after-activation.ts the `?? ''` of a history entry's dates -> another string (2):
//                 Date.parse gives NaN for both.
//   cost-allocation-handler.lambda.ts the SDK clients' `requestHandler` timeouts -> `{}` (2): the
//                 abort at the handler's deadline always comes first, so they never apply.
//   activate-pending.ts `backfillFrom.length > 0` -> `>= 0` or the whole check -> true (2): an
//                 empty `backfillFrom` is then kept as '' rather than undefined; both skip the
//                 backfill, and the schedule's payload never carries an empty one.
//   cost-allocation-handler.lambda.ts the `?? ''` of an event's request type -> another string: no
//                 request type is that string either, so the event is refused the same way.
//   update-tag-statuses.ts a stray entry in a new progress's `notFound` list: the list is only asked
//                 whether it holds one of the request's keys.
//   on-event.ts   `/\s+/g` -> `/\s/g` in the failure reason: `describeError` has already collapsed
//                 the whitespace, and the request type and logical ID hold none.

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
