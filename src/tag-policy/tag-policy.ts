import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TAG_POLICY_FILE_NAME } from './tag-policy-file';
import { buildTagPolicyView, TagPolicyView } from './tag-policy-view';

/**
 * A deterministic, plain-JSON view of the tag policy in a scope (an App, a Stage or a Stack),
 * made for snapshot tests and for reviewing tag changes like code.
 *
 * The view lists:
 * - `taxonomies`: every taxonomy the projects use, with its keys in alphabetical order (required,
 *   cost allocation, allowed values in alphabetical order or pattern, description) and an `id`
 *   (`taxonomy-1`, `taxonomy-2`, ...) numbered in the order the sorted projects first use it.
 *   Taxonomies with the same content are one taxonomy.
 * - `projects`: every `BedrockProject`, sorted by stack name then construct path, with its name,
 *   taxonomy `id` (or `null`), final tags in alphabetical order of key (after `Tags.of(scope)`
 *   and other aspects), data retention mode (`null` when the stack does not manage it) and
 *   removal policy (`retain` or `destroy`).
 * - `costAllocationKeys`: the keys the taxonomies in use mark for cost allocation
 *   (`fromTaxonomies`), and every `CostAllocationTags` construct with the keys it activates
 *   (`activations`).
 * - `costCoverage`: every `CostBudget` with the tags it selects (and the services it counts, or
 *   `null` for all), every `CostAnomalyAlerts` with its key and values, and for each project the
 *   budgets whose tags it carries and the anomaly alerts that monitor one of its values;
 *   `projectsInNoBudget` lists, as `<stack> <path>`, the projects no budget selects, so a project
 *   that falls out of every budget shows in the snapshot diff.
 *
 * Nothing in the view depends on asset hashes, the library's version, construction order or
 * the machine. Values only known at deploy time are shown as a placeholder naming their source,
 * such as `<Ref:TeamParameter>` or `<GetAtt:Chatbot1A2B3C4D.ProjectId>`.
 *
 * Tags added with `Tags.of(scope).add(...)` are applied by aspects during synthesis, so
 * `TagPolicy.of` synthesizes the app first if it has not been synthesized (exactly as
 * `app.synth()` would, once; a later `app.synth()` or `Template.fromStack` reuses that
 * assembly). Build the whole app before calling it: CDK rejects changes to the construct tree
 * after the first synthesis.
 *
 * The same view is written to `tag-policy.json` in the cloud assembly directory (`cdk.out`, and
 * the directory of each Stage's nested assembly) whenever an app with Bedrock projects is
 * synthesized, so a pipeline can diff it without jest.
 *
 * @example
 * const app = new App();
 * // ... stacks with BedrockProjects ...
 * expect(TagPolicy.of(app).toJson()).toMatchSnapshot();
 */
export class TagPolicy {
  /** The name of the file the view is written to in each cloud assembly directory. */
  public static readonly ASSEMBLY_FILE_NAME: string = TAG_POLICY_FILE_NAME;

  /**
   * The tag policy of every Bedrock project in `scope` and its descendants, after the app's
   * aspects have run.
   *
   * @param scope an App, a Stage, a Stack or any construct containing Bedrock projects
   */
  public static of(scope: IConstruct): TagPolicy {
    const root = scope.node.root;
    if (Stage.isStage(root)) {
      // Aspects (and so Tags.of) are applied by synthesis, and only synthesis applies them
      // exactly once and in the right order; a synthesized app returns its cached assembly.
      root.synth();
    }
    return new TagPolicy(buildTagPolicyView(scope));
  }

  /** @internal */
  public static _fromView(view: TagPolicyView): TagPolicy {
    return new TagPolicy(view);
  }

  private constructor(private readonly view: TagPolicyView) {}

  /**
   * The view as a plain JSON object (a fresh copy on every call), for
   * `expect(TagPolicy.of(app).toJson()).toMatchSnapshot()`.
   */
  public toJson(): any {
    return JSON.parse(JSON.stringify(this.view));
  }

  /**
   * The view as pretty-printed JSON with a trailing newline, one value per line, so that a
   * changed tag is a one-line diff. This is the content of the assembly file.
   */
  public render(): string {
    return `${JSON.stringify(this.view, undefined, 2)}\n`;
  }

  /** The same as {@link TagPolicy.render}. */
  public toString(): string {
    return this.render();
  }
}
