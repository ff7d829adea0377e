import { TagTaxonomy } from '../../src';
import { OrganizationsTagPolicy } from '../../src/taxonomy/organizations-tag-policy';

/** Whether a tag policy value (at most one `*`, which matches any text) accepts `value`. */
function policyAccepts(policyValue: string, value: string): boolean {
  const star = policyValue.indexOf('*');
  if (star < 0) {
    return policyValue === value;
  }
  const [prefix, suffix] = [policyValue.slice(0, star), policyValue.slice(star + 1)];
  return value.length >= prefix.length + suffix.length && value.startsWith(prefix) && value.endsWith(suffix);
}

function policyFor(pattern: string): OrganizationsTagPolicy {
  return OrganizationsTagPolicy.fromTaxonomy(new TagTaxonomy({ keys: [{ key: 'CostCenter', pattern }] }));
}

/**
 * Whether the taxonomy's own validation finds that `value` matches `pattern`; AWS's limits on
 * values (such as their length) are left out, since the tag policy does not express them either.
 */
function taxonomyAccepts(pattern: string, value: string): boolean {
  const problems = new TagTaxonomy({ keys: [{ key: 'CostCenter', pattern }] }).validate({ CostCenter: value });
  return !problems.some((p) => p.message.includes('does not match the pattern'));
}

/** The example taxonomy's policy, written out: what both entry points must render. */
const EXAMPLE_POLICY = {
  tags: {
    application: {
      tag_key: { '@@assign': 'Application' },
      tag_value: { '@@assign': ['CustomerChatbot', 'DataAnalytics', 'Experiments'] },
    },
    costcenter: {
      tag_key: { '@@assign': 'CostCenter' },
      tag_value: { '@@assign': ['CC-*'] },
    },
    environment: {
      tag_key: { '@@assign': 'Environment' },
      tag_value: { '@@assign': ['Development', 'Production', 'Research', 'Staging'] },
    },
    owner: {
      tag_key: { '@@assign': 'Owner' },
    },
    team: {
      tag_key: { '@@assign': 'Team' },
      tag_value: { '@@assign': ['CustomerExperience', 'DataScience', 'PlatformEngineering'] },
    },
  },
};

describe('Organizations tag policy of the example taxonomy', () => {
  const taxonomy = TagTaxonomy.example();

  test('renders every key with its capitalization and values, CostCenter as CC-*', () => {
    expect(taxonomy.toOrganizationsTagPolicy()).toEqual(EXAMPLE_POLICY);
  });

  test('names the one approximation: the CostCenter pattern', () => {
    expect(OrganizationsTagPolicy.fromTaxonomy(taxonomy).approximations).toEqual([
      "CostCenter: pattern ^CC-\\d{4}$ is approximated as CC-*; the '*' accepts any characters where the pattern accepts only some",
    ]);
  });

  test('has no enforced_for unless asked, since Bedrock projects cannot be enforced', () => {
    expect(JSON.stringify(taxonomy.toOrganizationsTagPolicy())).not.toContain('enforced_for');
    const enforced = taxonomy.toOrganizationsTagPolicy({ enforcedFor: ['ec2:instance', 's3:bucket'] });
    for (const entry of Object.values<any>(enforced.tags)) {
      expect(entry.enforced_for).toEqual({ '@@assign': ['ec2:instance', 's3:bucket'] });
    }
    expect(Object.keys(enforced.tags)).toHaveLength(5);
  });

  test('OrganizationsTagPolicy.fromTaxonomy renders the same written-out document, and passes the options through', () => {
    expect(OrganizationsTagPolicy.fromTaxonomy(taxonomy).document).toEqual(EXAMPLE_POLICY);
    expect(OrganizationsTagPolicy.fromTaxonomy(taxonomy, { enforcedFor: ['s3:bucket'] }).document.tags.owner).toEqual({
      tag_key: { '@@assign': 'Owner' },
      enforced_for: { '@@assign': ['s3:bucket'] },
    });
  });
});

describe('patterns as tag policy values', () => {
  // [pattern, expected values, exact?, values the pattern accepts]
  const expressible: Array<[string, string[], boolean, string[]]> = [
    ['^CC-\\d{4}$', ['CC-*'], false, ['CC-1001', 'CC-9999']],
    ['^(Production|Development)$', ['Development', 'Production'], true, ['Production', 'Development']],
    ['^(?:dev|prod)-[a-z]+$', ['dev-*', 'prod-*'], false, ['dev-x', 'prod-abc']],
    ['^[a-z]+-team$', ['*-team'], false, ['data-team']],
    ['^team-\\w+-prod$', ['team-*-prod'], false, ['team-a_1-prod']],
    ['^v\\d$', ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9'], true, ['v7']],
    ['^(CC|DD)-\\d{4}$', ['CC-*', 'DD-*'], false, ['CC-1234', 'DD-0000']],
    ['^(CC|DD)-\\d{4}(-X)?$', ['CC-*', 'DD-*'], false, ['CC-1234', 'DD-0000-X']],
    ['^ab{2,3}$', ['abb', 'abbb'], true, ['abb', 'abbb']],
    ['^[\\w.+-]+@example\\.com$', ['*@example.com'], false, ['a.b+c@example.com']],
    ['^(?<env>prod|dev)$', ['dev', 'prod'], true, ['dev']],
    ['^prod|dev$', ['dev', 'prod'], true, ['prod', 'dev']],
    ['prod|dev', ['dev', 'prod'], true, ['prod', 'dev']],
    ['CC-\\d{4}', ['CC-*'], false, ['CC-1001', 'CC-9999']],
    ['^CC-\\d{4}', ['CC-*'], false, ['CC-1001']],
    ['CC-\\d{4}$', ['CC-*'], false, ['CC-1001']],
    ['^^CC$$', ['CC'], true, ['CC']],
    ['a|^', ['', 'a'], true, ['', 'a']],
    ['^(ab)+-\\d+$', ['ab*'], false, ['ab-1', 'abab-22']],
    ['^ab{300}$', ['a*'], false, [`a${'b'.repeat(300)}`]],
    ['^team-\\w+-\\w+-prod$', ['team-*-prod'], false, ['team-a-b-prod']],
    ['^CC-\\d+-[a-z]+-X$', ['CC-*-X'], false, ['CC-12-ab-X']],
    ['^x{2}y?$', ['xx', 'xxy'], true, ['xx', 'xxy']],
  ];

  test.each(expressible)('%s becomes %j', (pattern, values, exact, samples) => {
    const policy = policyFor(pattern);
    expect(policy.document.tags.costcenter.tag_value).toEqual({ '@@assign': values });
    expect(policy.approximations).toHaveLength(exact ? 0 : 1);
    for (const value of values) {
      expect(value.split('*').length - 1).toBeLessThanOrEqual(1);
    }
    // Never stricter than the taxonomy: whatever the pattern accepts, the policy accepts.
    for (const sample of samples) {
      expect(taxonomyAccepts(pattern, sample)).toBe(true);
      expect(values.some((v) => policyAccepts(v, sample))).toBe(true);
    }
    // Exact values are exactly what validation accepts, so each of them passes it.
    if (exact) {
      for (const value of values) {
        expect(taxonomyAccepts(pattern, value)).toBe(true);
      }
    }
  });

  const inexpressible: Array<[string, string]> = [
    ['^[A-Z]{2}-\\d+$', 'neither end fixed'],
    ['^x(?=y)', 'lookahead'],
    ['^(a)\\1$', 'back-reference'],
    ['^\\bfoo$', 'word boundary'],
    ['^[^-]+$', 'accepts almost anything'],
    ['^.*$', 'accepts anything'],
    ['^a(^b)$', 'anchor inside'],
  ];

  test.each(inexpressible)('%s (%s) gets no tag_value and is reported', (pattern) => {
    const policy = policyFor(pattern);
    expect(policy.document.tags.costcenter).toEqual({ tag_key: { '@@assign': 'CostCenter' } });
    expect(policy.approximations).toHaveLength(1);
    expect(policy.approximations[0]).toMatch(/^CostCenter: pattern .* accepts any value$/);
    expect(policy.approximations[0]).toContain(pattern);
  });

  test('a pattern without ^ and $ is matched whole, as validation matches it', () => {
    const unanchored = policyFor('CC-\\d{4}');
    expect(unanchored.document).toEqual(policyFor('^CC-\\d{4}$').document);
    expect(unanchored.document.tags.costcenter.tag_value).toEqual({ '@@assign': ['CC-*'] });
    // \d{4} widened to '*' is still a loosening, and is still reported.
    expect(unanchored.approximations).toEqual([
      "CostCenter: pattern CC-\\d{4} is approximated as CC-*; the '*' accepts any characters where the pattern accepts only some",
    ]);
    // Text around a match is rejected by validation and by the policy alike.
    expect(taxonomyAccepts('CC-\\d{4}', 'xCC-1234')).toBe(false);
    expect(policyAccepts('CC-*', 'xCC-1234')).toBe(false);
  });

  test('an alternation without ^ and $ is matched whole in every branch', () => {
    const policy = policyFor('^prod|dev$');
    expect(policy.document.tags.costcenter.tag_value).toEqual({ '@@assign': ['dev', 'prod'] });
    expect(policy.approximations).toEqual([]);
    expect(taxonomyAccepts('^prod|dev$', 'production')).toBe(false);
  });

  test('allowed values map directly, sorted and deduplicated, and are exact', () => {
    const taxonomy = new TagTaxonomy({ keys: [{ key: 'Team', allowedValues: ['Platform', 'Data Science', 'Platform'] }] });
    const policy = OrganizationsTagPolicy.fromTaxonomy(taxonomy);
    expect(policy.document.tags.team.tag_value).toEqual({ '@@assign': ['Data Science', 'Platform'] });
    expect(policy.approximations).toEqual([]);
  });

  test('keys without allowed values or pattern accept any value and are not reported', () => {
    const policy = OrganizationsTagPolicy.fromTaxonomy(new TagTaxonomy({ keys: [{ key: 'Owner', required: false }] }));
    expect(policy.document).toEqual({ tags: { owner: { tag_key: { '@@assign': 'Owner' } } } });
    expect(policy.approximations).toEqual([]);
  });
});
