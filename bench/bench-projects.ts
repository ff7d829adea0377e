/**
 * The projects the benchmarks declare: the seed's tag combinations, repeated with numbered names
 * so that any number of projects passes the example taxonomy.
 */
export interface BenchProject {
  /** Construct id. */
  readonly id: string;
  readonly name: string;
  readonly tags: { [key: string]: string };
}

const TAG_SETS: Array<{ [key: string]: string }> = [
  { Application: 'CustomerChatbot', Environment: 'Production', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  { Application: 'CustomerChatbot', Environment: 'Development', Team: 'CustomerExperience', CostCenter: 'CC-1001' },
  { Application: 'Experiments', Environment: 'Research', Team: 'PlatformEngineering', CostCenter: 'CC-2002' },
  { Application: 'DataAnalytics', Environment: 'Production', Team: 'DataScience', CostCenter: 'CC-3003' },
];

export function benchProjects(count: number): BenchProject[] {
  return Array.from({ length: count }, (_, i) => {
    const tags = TAG_SETS[i % TAG_SETS.length];
    const number = String(i + 1).padStart(4, '0');
    return { id: `Project${number}`, name: `${tags.Application}-${tags.Environment}-${number}`, tags: { ...tags } };
  });
}
