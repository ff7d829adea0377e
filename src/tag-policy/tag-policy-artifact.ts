import * as fs from 'fs';
import * as path from 'path';
import { attachCustomSynthesis, ISynthesisSession, Stage } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { TagPolicy } from './tag-policy';
import { TAG_POLICY_FILE_NAME } from './tag-policy-file';
import { buildTagPolicyView } from './tag-policy-view';
import { onEveryProject } from '../project/project-hooks';

/** The id of the writer in each Stage; one per Stage, whatever the number of projects. */
const WRITER_ID = 'BedrockProjectsTagPolicy';

/**
 * Makes every Stage (and App) that contains `project` write the tag policy view of its whole
 * subtree to `tag-policy.json` in its cloud assembly directory when it is synthesized.
 *
 * Called for each `BedrockProject` (registered below); it costs one child lookup per enclosing Stage, so the work at
 * synth time is one view per Stage, however many projects there are.
 */
export function addTagPolicyToAssembly(project: IConstruct): void {
  for (const scope of project.node.scopes) {
    if (scope !== project && Stage.isStage(scope) && !scope.node.tryFindChild(WRITER_ID)) {
      new TagPolicyAssemblyFile(scope, WRITER_ID);
    }
  }
}

// Every Stage that holds a project writes its tag policy, without projects knowing of the tag policy.
onEveryProject(addTagPolicyToAssembly);

/**
 * Writes the view into the Stage's cloud assembly during synthesis.
 *
 * Custom synthesis is the hook CDK gives a construct to add files to the assembly it is
 * synthesized into, with that assembly's directory (a nested Stage has its own). It runs after
 * the aspects and validation, so the tags are final and the app is valid.
 */
class TagPolicyAssemblyFile extends Construct {
  public constructor(scope: Stage, id: string) {
    super(scope, id);
    const stage = scope;
    attachCustomSynthesis(this, {
      onSynthesize(session: ISynthesisSession): void {
        const policy = TagPolicy._fromView(buildTagPolicyView(stage));
        fs.writeFileSync(path.join(session.outdir, TAG_POLICY_FILE_NAME), policy.render());
      },
    });
  }
}
