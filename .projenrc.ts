import { awscdk, javascript } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-bedrock-projects',
  description: 'AWS CDK constructs for Amazon Bedrock Projects: a validated tag taxonomy, projects provisioned through the Projects API, cost allocation tag activation and snapshot-friendly tag policies.',
  author: 'cdk-bedrock-projects maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-bedrock-projects/cdk-bedrock-projects.git',
  keywords: ['cdk', 'aws-cdk', 'bedrock', 'bedrock-mantle', 'finops', 'cost-allocation', 'tags'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // The floor is the first aws-cdk-lib release with aws_bedrockmantle that has a matching integ-tests-alpha.
  cdkVersion: '2.245.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  minNodeVersion: '20.0.0',

  github: false,
  release: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,

  // Handlers are bundled with everything they import (see README "Lambda handlers"):
  // the code that is tested is byte for byte the code that is uploaded.
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_22_X,
    awsSdkConnectionReuse: false,
    bundlingOptions: {
      externals: [],
      sourcemap: false,
    },
  },

  devDeps: [
    '@aws-sdk/client-cost-explorer@^3',
    '@aws-sdk/credential-provider-node@^3',
    '@smithy/signature-v4@^5',
    '@smithy/protocol-http@^5',
    '@aws-crypto/sha256-js@^5',
    '@types/aws-lambda',
    'esbuild',
    'aws-cdk@^2',
    'cdk-nag@^2',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2',
  ],

  jestOptions: {
    // Snapshots are reviewed, never rewritten by the test command: a changed snapshot fails the run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '\\.snapshot/', '/cdk.out/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'build-tools', 'projenrc', 'bench'],
  },
  tsconfigDev: {
    compilerOptions: {},
    include: ['../examples/**/*.ts', '../bench/**/*.ts'],
  },
  gitignore: ['cdk.out/', '/assets/', '*.snapshot/asset.*'],
});

// The tests drive the bundled handlers in assets/, so bundle before testing.
const bundle = project.tasks.tryFind('bundle');
if (bundle) {
  project.testTask.prependSpawn(bundle);
}

// Benchmarks print figures; they are not tests and not part of `npm test`.
project.addTask('bench', {
  description: 'Benchmarks: synth time and memory, resources per stack, handler bundle size and cold start, API calls per deployment (prints Markdown tables)',
  steps: [
    { spawn: 'bundle' },
    { exec: 'ts-node --transpile-only bench/run.ts', receiveArgs: true },
  ],
});

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/cdk.json');

project.synth();
