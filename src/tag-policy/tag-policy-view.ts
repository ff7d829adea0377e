import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { readableValue } from './readable-token';
import { CostAllocationTags } from '../cost-allocation/cost-allocation-tags';
import { CostAnomalyAlerts } from '../cost-controls/cost-anomaly-alerts';
import { CostBudget } from '../cost-controls/cost-budget';
import { BedrockProject } from '../project/bedrock-project';
import { TagKeyDefinition, TagTaxonomy } from '../taxonomy';

/*
 * The plain-JSON view behind `TagPolicy`. Everything in it is sorted with a locale-independent
 * comparison and contains nothing that depends on construction order, asset hashes or token
 * numbers, so the same app gives byte-identical JSON on every run and machine.
 */

/** One taxonomy in use, identified by its position among the taxonomies that projects use. */
export interface TaxonomyView {
  readonly id: string;
  readonly allowUndeclaredKeys: boolean;
  readonly keys: TaxonomyKeyView[];
}

/** One key of a taxonomy, with its defaults applied. */
export interface TaxonomyKeyView {
  readonly key: string;
  readonly required: boolean;
  readonly costAllocation: boolean;
  readonly allowedValues?: string[];
  readonly pattern?: string;
  readonly description?: string;
}

/** One Bedrock project and its final tags. */
export interface ProjectView {
  readonly stack: string;
  readonly path: string;
  readonly projectName: string;
  /** The `id` of the project's taxonomy, `null` when the project has none. */
  readonly taxonomy: string | null;
  readonly tags: { [key: string]: string };
  /** The data retention mode, `null` when the stack does not manage it. */
  readonly dataRetention: string | null;
  readonly removalPolicy: string;
}

/** One `CostAllocationTags` construct and the keys it activates. */
export interface CostAllocationActivationView {
  readonly stack: string;
  readonly path: string;
  readonly tagKeys: string[];
}

/** One `CostBudget` and the tags it selects. */
export interface BudgetView {
  readonly stack: string;
  readonly path: string;
  readonly tags: { [key: string]: string };
  /** The services it counts, `null` for every service. */
  readonly services: string[] | null;
}

/** One `CostAnomalyAlerts` and the tag values it monitors. */
export interface AnomalyAlertsView {
  readonly stack: string;
  readonly path: string;
  readonly tagKey: string;
  readonly tagValues: string[];
}

/** Which budgets and anomaly alerts select one project's costs. */
export interface ProjectCoverageView {
  readonly stack: string;
  readonly path: string;
  /** Paths of the budgets whose tags the project carries, all of them. */
  readonly budgets: string[];
  /** Paths of the anomaly alerts that monitor one of the project's tag values. */
  readonly anomalyAlerts: string[];
}

/** The budgets and anomaly alerts in scope, and what each project falls under. */
export interface CostCoverageView {
  readonly budgets: BudgetView[];
  readonly anomalyAlerts: AnomalyAlertsView[];
  readonly projects: ProjectCoverageView[];
  /** `<stack> <path>` of every project no budget selects. */
  readonly projectsInNoBudget: string[];
}

/** The whole view. */
export interface TagPolicyView {
  readonly taxonomies: TaxonomyView[];
  readonly projects: ProjectView[];
  readonly costAllocationKeys: {
    /** The keys the taxonomies in use mark for cost allocation. */
    readonly fromTaxonomies: string[];
    /** The `CostAllocationTags` constructs in scope. */
    readonly activations: CostAllocationActivationView[];
  };
  readonly costCoverage: CostCoverageView;
}

/**
 * Builds the view of every Bedrock project and `CostAllocationTags` construct in `scope` as the
 * construct tree is now: tags added by aspects are included only if the aspects have run. One
 * walk of the tree, so it stays linear in the size of the app.
 */
export function buildTagPolicyView(scope: IConstruct): TagPolicyView {
  const projects: BedrockProject[] = [];
  const activations: CostAllocationTags[] = [];
  const budgets: CostBudget[] = [];
  const anomalyAlerts: CostAnomalyAlerts[] = [];
  for (const construct of scope.node.findAll()) {
    if (construct instanceof BedrockProject) {
      projects.push(construct);
    } else if (construct instanceof CostAllocationTags) {
      activations.push(construct);
    } else if (construct instanceof CostBudget) {
      budgets.push(construct);
    } else if (construct instanceof CostAnomalyAlerts) {
      anomalyAlerts.push(construct);
    }
  }

  const rows = projects.map((project) => ({ project, stack: stackNameOf(project), path: project.node.path }));
  rows.sort((a, b) => compare(a.stack, b.stack) || compare(a.path, b.path));

  // Taxonomies are identified by content, numbered in the order the sorted projects first use
  // them: equal taxonomies built twice are one, and construction order does not matter.
  const taxonomies = new Map<string, TaxonomyView>();
  // Projects usually share one taxonomy object: render each object once, not once per project.
  const idsByTaxonomy = new Map<TagTaxonomy, string>();
  const taxonomyIdOf = (taxonomy: TagTaxonomy): string => {
    const known = idsByTaxonomy.get(taxonomy);
    if (known !== undefined) {
      return known;
    }
    const content = taxonomyContent(taxonomy);
    const canonical = JSON.stringify(content);
    let view = taxonomies.get(canonical);
    if (!view) {
      view = { id: `taxonomy-${taxonomies.size + 1}`, ...content };
      taxonomies.set(canonical, view);
    }
    idsByTaxonomy.set(taxonomy, view.id);
    return view.id;
  };

  const projectViews: ProjectView[] = rows.map(({ project, stack, path }) => {
    const inStack = Stack.of(project);
    return {
      stack,
      path,
      projectName: readableValue(inStack, project.projectName),
      taxonomy: project.taxonomy ? taxonomyIdOf(project.taxonomy) : null,
      tags: readableTags(inStack, project.tags),
      dataRetention: project.dataRetention ? readableValue(inStack, project.dataRetention.mode) : null,
      removalPolicy: String(project.removalPolicy),
    };
  });

  const taxonomyViews = [...taxonomies.values()];
  const fromTaxonomies = sortedUnique(taxonomyViews.flatMap((t) => t.keys.filter((k) => k.costAllocation).map((k) => k.key)));
  const activationViews = activations
    .map((activation) => ({
      stack: stackNameOf(activation),
      path: activation.node.path,
      tagKeys: sortedUnique(activation.tagKeys.map((k) => readableValue(Stack.of(activation), k))),
    }))
    .sort((a, b) => compare(a.stack, b.stack) || compare(a.path, b.path));

  return {
    taxonomies: taxonomyViews,
    projects: projectViews,
    costAllocationKeys: { fromTaxonomies, activations: activationViews },
    costCoverage: buildCoverage(projectViews, budgets, anomalyAlerts),
  };
}

/**
 * What budgets and anomaly alerts select each project, by tags: a budget selects a project that
 * carries all of its tags, an anomaly alert one whose value of its key it monitors. It compares
 * the readable tags, as the view shows them; budgets in another account than the project see
 * none of its costs, which the view does not know.
 */
function buildCoverage(projects: ProjectView[], budgets: CostBudget[], anomalyAlerts: CostAnomalyAlerts[]): CostCoverageView {
  const budgetViews: BudgetView[] = budgets
    .map((budget) => {
      const stack = Stack.of(budget);
      return {
        stack: stackNameOf(budget),
        path: budget.node.path,
        tags: readableTags(stack, budget.tags),
        services: budget.services ? sortedUnique(budget.services.map((s) => readableValue(stack, s))) : null,
      };
    })
    .sort((a, b) => compare(a.stack, b.stack) || compare(a.path, b.path));
  const alertViews: AnomalyAlertsView[] = anomalyAlerts
    .map((alerts) => {
      const stack = Stack.of(alerts);
      return {
        stack: stackNameOf(alerts),
        path: alerts.node.path,
        tagKey: readableValue(stack, alerts.tagKey),
        tagValues: sortedUnique(alerts.tagValues.map((v) => readableValue(stack, v))),
      };
    })
    .sort((a, b) => compare(a.stack, b.stack) || compare(a.path, b.path));

  const coverage: ProjectCoverageView[] = projects.map((project) => ({
    stack: project.stack,
    path: project.path,
    budgets: budgetViews
      .filter((b) => Object.keys(b.tags).length > 0 && Object.entries(b.tags).every(([key, value]) => project.tags[key] === value))
      .map((b) => b.path),
    anomalyAlerts: alertViews
      .filter((a) => Object.hasOwn(project.tags, a.tagKey) && a.tagValues.includes(project.tags[a.tagKey]))
      .map((a) => a.path),
  }));
  return {
    budgets: budgetViews,
    anomalyAlerts: alertViews,
    projects: coverage,
    projectsInNoBudget: coverage.filter((c) => c.budgets.length === 0).map((c) => `${c.stack} ${c.path}`),
  };
}

/** A taxonomy's content with keys and values in alphabetical order, so that reordering a file is not a change. */
function taxonomyContent(taxonomy: TagTaxonomy): Omit<TaxonomyView, 'id'> {
  const keys = [...taxonomy.keys].sort((a, b) => compare(a.key, b.key)).map(keyView);
  return { allowUndeclaredKeys: taxonomy.allowUndeclaredKeys, keys };
}

function keyView(definition: TagKeyDefinition): TaxonomyKeyView {
  return {
    key: definition.key,
    required: definition.required ?? true,
    costAllocation: definition.costAllocation ?? true,
    ...(definition.allowedValues !== undefined ? { allowedValues: sortedUnique(definition.allowedValues) } : {}),
    ...(definition.pattern !== undefined ? { pattern: definition.pattern } : {}),
    ...(definition.description !== undefined ? { description: definition.description } : {}),
  };
}

function readableTags(stack: Stack, tags: { [key: string]: string }): { [key: string]: string } {
  const readable = Object.entries(tags).map(([key, value]) => [readableValue(stack, key), readableValue(stack, value)]);
  readable.sort((a, b) => compare(a[0], b[0]));
  return Object.fromEntries(readable);
}

function stackNameOf(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return readableValue(stack, stack.stackName);
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(compare);
}

/** Compares by UTF-16 code units: the same order on every machine, whatever its locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
