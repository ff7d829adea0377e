import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Token } from 'aws-cdk-lib';
import { TagProblemLevel, TagTaxonomy } from '../../src';

const VALID = {
  Application: 'CustomerChatbot',
  Environment: 'Production',
  Team: 'CustomerExperience',
  CostCenter: 'CC-1001',
};

function messages(taxonomy: TagTaxonomy, tags: { [key: string]: string }): string[] {
  return taxonomy.validate(tags, "Project 'P'").map((p) => p.message);
}

describe('TagTaxonomy.example()', () => {
  const taxonomy = TagTaxonomy.example();

  test('accepts each of the seed projects', () => {
    const seeds = [
      VALID,
      { ...VALID, Environment: 'Development' },
      { Application: 'Experiments', Environment: 'Production', Team: 'PlatformEngineering', CostCenter: 'CC-2002' },
      { Application: 'DataAnalytics', Environment: 'Production', Team: 'DataScience', CostCenter: 'CC-3003', Owner: 'alice@example.com' },
    ];
    for (const tags of seeds) {
      expect(taxonomy.validate(tags)).toEqual([]);
    }
  });

  test('has the seed keys with defaults applied', () => {
    expect(taxonomy.keys.map((k) => k.key)).toEqual(['Application', 'Environment', 'Team', 'CostCenter', 'Owner']);
    expect(taxonomy.requiredKeys).toEqual(['Application', 'Environment', 'Team', 'CostCenter']);
    expect(taxonomy.costAllocationKeys).toEqual(['Application', 'Environment', 'Team', 'CostCenter', 'Owner']);
    expect(taxonomy.findKey('Owner')?.required).toBe(false);
    expect(taxonomy.findKey('owner')).toBeUndefined();
  });

  test('a value outside allowedValues names the project, key, value and the allowed values', () => {
    expect(messages(taxonomy, { ...VALID, Environment: 'Prod' })).toEqual([
      "Project 'P': tag 'Environment' has value 'Prod', which is not allowed; allowed values: Production, Development, Staging, Research",
    ]);
  });

  test('a value that differs only by case gets a hint', () => {
    expect(messages(taxonomy, { ...VALID, Environment: 'production' })[0]).toContain("did you mean 'Production'?");
  });

  test('a pattern mismatch names the pattern', () => {
    expect(messages(taxonomy, { ...VALID, CostCenter: 'CC-12' })).toEqual([
      "Project 'P': tag 'CostCenter' has value 'CC-12', which does not match the pattern ^CC-\\d{4}$",
    ]);
  });

  test('a missing required key says how to add it', () => {
    const { CostCenter: _, ...withoutCostCenter } = VALID;
    expect(messages(taxonomy, withoutCostCenter)).toEqual([
      "Project 'P': is missing the required tag 'CostCenter' (pattern: ^CC-\\d{4}$); add it to the project's tags or with Tags.of(scope).add('CostCenter', ...)",
    ]);
  });

  test('a key that differs from a taxonomy key only by case is flagged, not reported missing too', () => {
    const { CostCenter: _, ...rest } = VALID;
    expect(messages(taxonomy, { ...rest, costcenter: 'CC-1001' })).toEqual([
      "Project 'P': tag key 'costcenter' differs from the taxonomy key 'CostCenter' only by case; cost allocation tags are case-sensitive, so it would split cost reports. Rename it to 'CostCenter'",
    ]);
  });

  test('a required key named constructor is reported missing', () => {
    const t = new TagTaxonomy({ keys: [{ key: 'constructor' }] });
    expect(messages(t, {})).toEqual([
      "Project 'P': is missing the required tag 'constructor'; add it to the project's tags or with Tags.of(scope).add('constructor', ...)",
    ]);
    expect(messages(t, { constructor: 'x' })).toEqual([]);
  });

  test('required keys named like any inherited object property are reported missing', () => {
    const t = new TagTaxonomy({ keys: [{ key: 'toString' }, { key: '__proto__' }, { key: 'hasOwnProperty' }] });
    expect(t.validate({}).map((p) => p.key)).toEqual(['toString', '__proto__', 'hasOwnProperty']);
    // Parsed from JSON, `__proto__` is an ordinary own key, and present.
    expect(t.validate(JSON.parse('{ "toString": "a", "__proto__": "b", "hasOwnProperty": "c" }'))).toEqual([]);
  });

  test('every problem is reported at once', () => {
    const problems = taxonomy.validate({ 'Application': 'Chat', 'Environment': 'Prod', 'CostCenter': 'x', 'aws:foo': 'bar' });
    expect(problems.map((p) => p.key).sort()).toEqual(['Application', 'CostCenter', 'Environment', 'Team', 'aws:foo']);
    expect(problems.every((p) => p.level === TagProblemLevel.ERROR)).toBe(true);
  });
});

describe('AWS tag rules', () => {
  const open = new TagTaxonomy({ keys: [] });

  test('a 129-character key', () => {
    const key = 'K'.repeat(129);
    expect(messages(open, { [key]: 'v' })).toEqual([`Project 'P': tag key '${key}' must be 1 to 128 characters long but has 129`]);
  });

  test('a 128-character key and a 256-character value are fine', () => {
    expect(open.validate({ ['K'.repeat(128)]: 'v'.repeat(256) })).toEqual([]);
  });

  test('a 257-character value', () => {
    expect(messages(open, { Key: 'v'.repeat(257) })[0]).toContain('must be at most 256 characters long but has 257');
  });

  test('the reserved aws: prefix, in any case', () => {
    expect(messages(open, { 'aws:createdBy': 'me' })[0]).toContain("must not begin with 'aws:'");
    expect(messages(open, { 'AWS:createdBy': 'me' })[0]).toContain("must not begin with 'aws:'");
  });

  test('characters outside the AWS set', () => {
    expect(messages(open, { 'Cost#Center': 'x' })[0]).toContain('may only contain letters, digits, spaces and _ . : / = + - @');
    expect(messages(open, { Key: 'a;b' })[0]).toContain("has value 'a;b', which may only contain");
    expect(open.validate({ 'team/owner:name=x+y-z@example.com': 'Ünïcode value 42' })).toEqual([]);
  });

  test('an empty key', () => {
    expect(messages(open, { '': 'x' })[0]).toContain("tag key '' must be 1 to 128 characters long but has 0");
  });

  test('more than 200 tags', () => {
    const tags: { [key: string]: string } = {};
    for (let i = 0; i < 201; i++) tags[`Key${i}`] = 'v';
    expect(messages(open, tags)).toEqual(["Project 'P': has 201 tags but a Bedrock project may carry at most 200; remove 1"]);
    delete tags.Key200;
    expect(open.validate(tags)).toEqual([]);
  });

  test('two keys of one tag set that differ only by case', () => {
    expect(messages(open, { Team: 'a', team: 'b' })[0]).toContain("tag keys 'Team' and 'team' differ only by case");
  });

  test('unresolved tokens are not checked but warned about', () => {
    const problems = TagTaxonomy.example().validate({ ...VALID, Team: Token.asString({ Ref: 'TeamParam' }) });
    expect(problems).toHaveLength(1);
    expect(problems[0].level).toBe(TagProblemLevel.WARNING);
    expect(problems[0].message).toContain('only known at deploy time');
  });
});

describe('undeclared keys', () => {
  test('are allowed by default', () => {
    expect(TagTaxonomy.example().validate({ ...VALID, Project: 'x' })).toEqual([]);
  });

  test('are rejected with allowUndeclaredKeys: false', () => {
    const strict = new TagTaxonomy({ keys: [{ key: 'Team' }], allowUndeclaredKeys: false });
    expect(messages(strict, { Team: 'a', Project: 'x' })).toEqual(["Project 'P': tag key 'Project' is not in the taxonomy; use one of: Team"]);
  });
});

describe('taxonomy definitions', () => {
  test('defaults: required and costAllocation are true', () => {
    const t = new TagTaxonomy({ keys: [{ key: 'CostCenter', pattern: '^CC-\\d{4}$' }, { key: 'Owner', required: false, costAllocation: false }] });
    expect(t.requiredKeys).toEqual(['CostCenter']);
    expect(t.costAllocationKeys).toEqual(['CostCenter']);
  });

  test('a pattern must match the whole value, anchored or not', () => {
    const t = new TagTaxonomy({ keys: [{ key: 'CostCenter', pattern: 'CC-\\d{4}' }] });
    expect(t.validate({ CostCenter: 'CC-1001' })).toEqual([]);
    expect(messages(t, { CostCenter: 'xCC-1001x' })[0]).toContain("'xCC-1001x', which does not match the pattern CC-\\d{4}");
  });

  test('every broken definition is reported at once', () => {
    expect(() => new TagTaxonomy({
      keys: [
        { key: 'aws:x' },
        { key: 'Team' },
        { key: 'team' },
        { key: 'A', allowedValues: ['x'], pattern: 'x' },
        { key: 'B', pattern: '(' },
        { key: 'C', allowedValues: [] },
        { key: 'C' },
      ],
    })).toThrow(/Invalid tag taxonomy:\n {2}- key 'aws:x' must not begin with 'aws:'.*\n.*'Team' and 'team' differ only by case.*\n.*'A' has both allowedValues and pattern.*\n.*'B' has pattern \(, which is not a valid regular expression.*\n.*'C' has an empty allowedValues.*\n.*'C' is declared twice/);
  });
});

describe('TagTaxonomy.fromFile', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'taxonomy-'));
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('loads the same taxonomy as the example', () => {
    const fromFile = TagTaxonomy.fromFile(path.join(__dirname, '..', 'fixtures', 'finops-taxonomy.json'));
    expect(fromFile.requiredKeys).toEqual(TagTaxonomy.example().requiredKeys);
    expect(fromFile.costAllocationKeys).toEqual(['Application', 'Environment', 'Team', 'CostCenter']);
    expect(messages(fromFile, { ...VALID, CostCenter: 'CC-1' })[0]).toContain('does not match the pattern ^CC-\\d{4}$');
  });

  test('a missing file names the path', () => {
    expect(() => TagTaxonomy.fromFile(path.join(tmp, 'nope.json'))).toThrow(/Cannot read the tag taxonomy file '.*nope.json'/);
  });

  test('invalid JSON names the path', () => {
    expect(() => TagTaxonomy.fromFile(write('bad.json', '{ keys: ['))).toThrow(/tag taxonomy file '.*bad.json' is not valid JSON/);
  });

  test('wrong shapes name the field', () => {
    const file = write('shape.json', JSON.stringify({ keys: [{ key: 'Team', required: 'yes', allowed: ['x'] }, 'Owner'], extra: 1 }));
    expect(() => TagTaxonomy.fromFile(file)).toThrow(/unknown field 'extra'[\s\S]*keys\[0\]\.required must be a boolean, not "yes"[\s\S]*keys\[0\] has unknown field 'allowed'[\s\S]*keys\[1\] must be an object/);
  });

  test('fields named like inherited object properties are unknown fields', () => {
    const file = write('inherited.json', '{ "keys": [{ "key": "Team", "constructor": "x", "__proto__": "y" }] }');
    expect(() => TagTaxonomy.fromFile(file)).toThrow(/keys\[0\] has unknown field 'constructor'; allowed: key, [\s\S]*keys\[0\] has unknown field '__proto__'; allowed: key, /);
  });

  test('a top-level list is rejected', () => {
    expect(() => TagTaxonomy.fromFile(write('list.json', '[]'))).toThrow(/must hold a JSON object/);
  });
});
