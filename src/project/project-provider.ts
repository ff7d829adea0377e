import { Annotations, ArnFormat, CfnElement, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { finalLogicalId, pinLogicalIdAtSynth } from './logical-id-pinning';
import { BEDROCK_MANTLE_REGIONS } from './mantle-regions';
import { ProjectHandlerFunction } from './project-handler-function';
import { suppressNagFindings } from '../providers/nag-suppressions';
import { ProviderOptions } from '../providers/provider-options';
import { defaultPolicyOf, optionsOf, ProviderSettings, rememberOptions } from '../providers/provider-settings';

/**
 * The IAM actions the handler needs. Tags are written through CreateProject and UpdateProject,
 * but IAM also evaluates the tagging actions for those calls. The tag-listing action is
 * `ListTagsForResource`, as the Service Authorization Reference spells it; the user guide's
 * example policy writes `ListTagsForResources`, which names no action, so it is not granted.
 */
const PROJECT_ACTIONS = [
  'bedrock-mantle:CreateProject',
  'bedrock-mantle:GetProject',
  'bedrock-mantle:ListProjects',
  'bedrock-mantle:UpdateProject',
  'bedrock-mantle:ArchiveProject',
  'bedrock-mantle:TagResource',
  'bedrock-mantle:UntagResource',
  'bedrock-mantle:ListTagsForResource',
];

/** The construct id of the provider, one per stack. */
const PROVIDER_ID = 'BedrockProjectProvider';

/**
 * The custom resource provider behind every `BedrockProject` of a stack: one per stack, however
 * many projects it holds, so that resources per stack stay constant as projects are added.
 */
export class ProjectProvider extends Construct {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: Construct): ProjectProvider {
    const stack = Stack.of(scope);
    return ProjectProvider.existing(stack) ?? new ProjectProvider(stack, PROVIDER_ID);
  }

  /**
   * Sets the options of the stack's provider: applied now if it exists, and when it is made
   * otherwise, so that a stack without projects gets no provider.
   */
  public static configure(scope: Construct, options: ProviderOptions): void {
    const stack = Stack.of(scope);
    const existing = ProjectProvider.existing(stack);
    if (existing) {
      existing.settings.configure(options);
    } else {
      rememberOptions(stack, PROVIDER_ID, options);
    }
  }

  private static existing(stack: Stack): ProjectProvider | undefined {
    return stack.node.tryFindChild(PROVIDER_ID) as ProjectProvider | undefined;
  }

  /** The service token that `Custom::BedrockProject` resources use. */
  public readonly serviceToken: string;

  /** The function that calls the Projects API. */
  public readonly handler: lambda.IFunction;

  private readonly settings: ProviderSettings;
  private readonly framework: CfnElement;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region) && !BEDROCK_MANTLE_REGIONS.includes(stack.region)) {
      // Projects are regional and created in the stack's region; a region without the endpoint
      // would only fail at deploy time, after the handler has retried until its timeout.
      Annotations.of(stack).addWarningV2('cdk-bedrock-projects:unsupportedRegion',
        `Stack region '${stack.region}' is not one of the regions known to serve Bedrock projects (${BEDROCK_MANTLE_REGIONS.join(', ')}); deploying projects there will fail unless the service has launched in it since. Deploy this stack to one of those regions.`);
    }

    const settings = new ProviderSettings(optionsOf(stack, PROVIDER_ID));
    this.settings = settings;
    const logGroup = settings.logGroup(this, 'HandlerLogs');
    const role = settings.handlerRole(this, 'HandlerRole', logGroup);
    const handler = new ProjectHandlerFunction(this, 'Handler', {
      description: 'Provisions Amazon Bedrock projects through the Projects API (cdk-bedrock-projects)',
      timeout: Duration.minutes(5),
      memorySize: 256,
      logGroup,
      role,
    });
    settings.addFunction(handler);
    role.addToPolicy(new iam.PolicyStatement({
      actions: PROJECT_ACTIONS,
      resources: [stack.formatArn({
        service: 'bedrock-mantle',
        resource: 'project',
        resourceName: '*',
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      })],
    }));
    suppressNagFindings(defaultPolicyOf(role), [{
      id: 'AwsSolutions-IAM5',
      reason: 'Project IDs are assigned by the Projects API when a project is created, so the policy cannot name them in advance; it is scoped to the projects of the stack\'s own account and region (project/*)',
      appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:bedrock-mantle:(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|\\d{12}):project\\/\\*$/g' }],
    }]);
    this.handler = handler;

    const provider = settings.provider(this, 'Provider', handler);
    this.serviceToken = provider.serviceToken;
    // Every project's ServiceToken names the framework's function (ProviderSettings.provider
    // has checked that it exists).
    const framework = provider.node.findChild('framework-onEvent').node.defaultChild as CfnElement;
    pinLogicalIdAtSynth(framework);
    this.framework = framework;
  }

  /**
   * The service token as every project of the stack writes it, at synthesis: the framework
   * function's `Fn::GetAtt`, built from its pinned logical ID, where the token of
   * `serviceToken` would be resolved, and checked for cross-stack use, once per project. The
   * function is in the projects' stack, so there is nothing cross-stack to find.
   */
  public serviceTokenValue(): { [key: string]: string[] } {
    return { 'Fn::GetAtt': [finalLogicalId(this.framework), 'Arn'] };
  }
}
