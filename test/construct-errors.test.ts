import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Errors, Stack } from 'aws-cdk-lib';
import { BedrockProject, CostAllocationTags, ProjectPortfolio, TagTaxonomy } from '../src';

/**
 * Mistakes in what a user passes to a construct are reported all at once, as aws-cdk-lib's own
 * validation errors, naming the construct path; their stack shows the construct tree rather
 * than frames inside this library, which users cannot open.
 */

function thrownBy(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

function expectUserError(error: Error): void {
  // aws-cdk-lib's validation error: the CLI shows it with the construct tree, and its stack
  // collapses the frames of packages under node_modules, this library's among them.
  expect(Errors.isValidationError(error)).toBe(true);
}

const TAGS = { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' };

describe('construct errors', () => {
  test('a portfolio reports every bad row at once, naming the portfolio', () => {
    const stack = new Stack(new App(), 'Projects');
    const error = thrownBy(() => new ProjectPortfolio(stack, 'Portfolio', {
      environmentName: 'prod',
      taxonomy: TagTaxonomy.example(),
      ssmParameters: false,
      ssmParameterPrefix: '/x',
      projects: [
        { projectName: 'A', tags: TAGS },
        { projectName: 'A', tags: TAGS, id: 'A2' },
        { projectName: 'B', tags: TAGS, id: 'Same' },
        { projectName: 'C', tags: TAGS, id: 'Same' },
        { projectName: 'D', tags: TAGS },
        { projectName: 'D', tags: TAGS, id: 'D2' },
      ],
    }));
    expectUserError(error);
    expect(error.message).toContain('Projects/Portfolio');
    expect(error.message).toContain("ssmParameterPrefix '/x'");
    expect(error.message).toContain("projects[0] and projects[1] are both named 'A'");
    expect(error.message).toContain("projects[2] and projects[3] would both have the construct id 'Same'");
    expect(error.message).toContain("projects[4] and projects[5] are both named 'D'");
  });

  test('an imported project reports a bad ID and a bad ARN together', () => {
    const stack = new Stack(new App(), 'Consumer');
    const error = thrownBy(() => BedrockProject.fromProjectAttributes(stack, 'Shared', { projectId: 'Proj-1', projectArn: 'arn:aws:s3:::bucket' }));
    expectUserError(error);
    expect(error.message).toContain('Consumer/Shared');
    expect(error.message).toContain("projectId 'Proj-1'");
    expect(error.message).toContain("projectArn 'arn:aws:s3:::bucket'");
  });

  test('cost allocation tags report bad keys, a bad backfillFrom and a bad retryInterval together', () => {
    const stack = new Stack(new App(), 'Billing');
    const error = thrownBy(() => new CostAllocationTags(stack, 'Tags', {
      tagKeys: ['aws:reserved'],
      backfillFrom: '2020-13-05',
      retryInterval: Duration.minutes(5),
    }));
    expectUserError(error);
    expect(error.message).toContain('Billing/Tags');
    expect(error.message).toContain("'aws:reserved'");
    expect(error.message).toContain("backfillFrom '2020-13-05'");
    expect(error.message).toContain('retryInterval');
  });

  test('a taxonomy file reports shape and definition problems together, naming the file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taxonomy-')), 'taxonomy.json');
    fs.writeFileSync(file, JSON.stringify({
      keys: [
        { key: 'Team', colour: 'red' },
        { key: 'CostCenter', pattern: '(' },
        { key: 'aws:owner' },
      ],
    }));
    const error = thrownBy(() => TagTaxonomy.fromFile(file));
    expectUserError(error);
    expect(error.message).toContain(file);
    expect(error.message).toContain("unknown field 'colour'");
    expect(error.message).toContain("key 'CostCenter' has pattern (");
    expect(error.message).toContain("key 'aws:owner'");
  });

  test('an unreadable taxonomy file is a validation error naming the file', () => {
    const error = thrownBy(() => TagTaxonomy.fromFile('/nonexistent/taxonomy.json'));
    expectUserError(error);
    expect(error.message).toContain('/nonexistent/taxonomy.json');
  });
  test('a spend alarm reports bad prices together with its other problems', () => {
    const stack = new Stack(new App(), 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
    const project = BedrockProject.fromProjectId(stack, 'P', 'proj_abc123');
    const error = thrownBy(() => project.addSpendAlarm('Spend', {
      threshold: -5,
      prices: [{ model: 'm', inputPerMillionTokens: -1, outputPerMillionTokens: 1 }],
    }));
    expectUserError(error);
    expect(error.message).toContain('Prod/P: 2 problems');
    expect(error.message).toContain("spend alarm 'Spend' of Bedrock project proj_abc123: threshold -5 is not a positive number");
    expect(error.message).toContain("spend alarm 'Spend' of Bedrock project proj_abc123: model 'm' has inputPerMillionTokens -1");
  });

  test('an estimated cost with bad prices names the project', () => {
    const project = BedrockProject.fromProjectId(new Stack(new App(), 'Prod'), 'P', 'proj_abc123');
    const error = thrownBy(() => project.metricEstimatedCost({ prices: [{ model: ' ', inputPerMillionTokens: 1, outputPerMillionTokens: 1 }] }));
    expectUserError(error);
    expect(error.message).toBe('Prod/P: estimated cost: a price has an empty model; name the model as the Model dimension of AWS/BedrockMantle does');
  });

  test('an SSM import without a name names the importing scope and the import', () => {
    const stack = new Stack(new App(), 'Consumer');
    const error = thrownBy(() => BedrockProject.fromSsmParameters(stack, 'Shared', { ssmParameterPrefix: '/projects' }));
    expectUserError(error);
    expect(error.message).toBe("Consumer: imported project 'Shared': give the publishedName (or projectName) the project's SSM parameters were written under");
  });
});
