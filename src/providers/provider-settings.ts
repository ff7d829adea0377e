import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { suppressNagFindings } from './nag-suppressions';
import { ProviderOptions } from './provider-options';

/** The runtime of every function this library deploys: the newest Node.js the supported aws-cdk-lib range offers. */
export const PROVIDER_RUNTIME = lambda.Runtime.NODEJS_24_X.name;

/** The handlers' bundles are plain JavaScript, so they run on the cheaper Graviton processors. */
const DEFAULT_ARCHITECTURE = lambda.Architecture.ARM_64;

/** Long enough to investigate a failed deployment. */
const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/**
 * The resources of one provider that its options reach, and the options of its stack. Options
 * can be given before the provider exists (they wait in {@link optionsOf}) or after (they are
 * applied to what exists and kept for what is added later, such as the retry activator).
 */
export class ProviderSettings {
  private architecture = DEFAULT_ARCHITECTURE;
  private logRetention = DEFAULT_LOG_RETENTION;
  private logRemovalPolicy = RemovalPolicy.DESTROY;
  private readonly statements: iam.PolicyStatement[] = [];
  private readonly functions: lambda.Function[] = [];
  private readonly logGroups: logs.LogGroup[] = [];
  private readonly handlerRoles: iam.Role[] = [];

  /** Takes the options given so far, for example before the provider existed. */
  public constructor(options: ProviderOptions[]) {
    options.forEach((o) => this.configure(o));
  }

  /** Applies `options` to every resource so far and to those added later. */
  public configure(options: ProviderOptions): void {
    this.architecture = options.architecture ?? this.architecture;
    this.logRetention = options.logRetention ?? this.logRetention;
    this.logRemovalPolicy = options.logRemovalPolicy ?? this.logRemovalPolicy;
    const added = options.additionalPolicyStatements ?? [];
    this.statements.push(...added);
    this.functions.forEach((fn) => this.applyToFunction(fn));
    this.logGroups.forEach((group) => this.applyToLogGroup(group));
    this.handlerRoles.forEach((role) => added.forEach((s) => role.addToPolicy(s)));
  }

  /** A log group for one function, instead of the never-expiring one Lambda would make and leave behind. */
  public logGroup(scope: Construct, id: string): logs.LogGroup {
    const group = new logs.LogGroup(scope, id);
    this.logGroups.push(group);
    this.applyToLogGroup(group);
    return group;
  }

  /**
   * A role for a handler function: it may write to its own log group and nothing else until the
   * provider grants more, with no AWS managed policy (whose `logs:*` reach every log group).
   * The statements of `additionalPolicyStatements` are added to it.
   */
  public handlerRole(scope: Construct, id: string, logGroup: logs.ILogGroup): iam.Role {
    const role = this.functionRole(scope, id, logGroup);
    this.statements.forEach((s) => role.addToPolicy(s));
    this.handlerRoles.push(role);
    return role;
  }

  /**
   * A custom-resources.Provider with its framework function on the library's runtime,
   * architecture and log group, under a role like the handler's; the framework's permission to
   * invoke any version of the handler is explained to cdk-nag.
   */
  public provider(scope: Construct, id: string, onEventHandler: lambda.IFunction): cr.Provider {
    const logGroup = this.logGroup(scope, `${id}Logs`);
    const role = this.functionRole(scope, `${id}Role`, logGroup);
    const provider = new cr.Provider(scope, id, { onEventHandler, logGroup, frameworkOnEventRole: role });
    const framework = provider.node.tryFindChild('framework-onEvent');
    if (!(framework instanceof lambda.Function)) {
      throw new Error('custom-resources.Provider no longer has a framework-onEvent function; update ProviderSettings.provider');
    }
    // aws-cdk-lib would pick "the latest Node.js runtime of the region", which in a stack without
    // a region becomes a mapping in every template and changes with aws-cdk-lib upgrades.
    (framework.node.defaultChild as lambda.CfnFunction).runtime = PROVIDER_RUNTIME;
    this.addFunction(framework);
    suppressNagFindings(defaultPolicyOf(role), [{
      id: 'AwsSolutions-IAM5',
      reason: 'The custom-resources Provider framework may invoke its own onEvent handler in any version or alias (<function arn>:*); the wildcard is only the qualifier of that one function',
      appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/g' }],
    }]);
    return provider;
  }

  /** Puts a function under these options (architecture). */
  public addFunction(fn: lambda.Function): void {
    this.functions.push(fn);
    this.applyToFunction(fn);
  }

  private functionRole(scope: Construct, id: string, logGroup: logs.ILogGroup): iam.Role {
    const role = new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }));
    return role;
  }

  private applyToFunction(fn: lambda.Function): void {
    (fn.node.defaultChild as lambda.CfnFunction).architectures = [this.architecture.name];
  }

  private applyToLogGroup(group: logs.LogGroup): void {
    const cfn = group.node.defaultChild as logs.CfnLogGroup;
    cfn.retentionInDays = this.logRetention === logs.RetentionDays.INFINITE ? undefined : this.logRetention;
    cfn.applyRemovalPolicy(this.logRemovalPolicy);
  }
}

/** The policy a role's `addToPolicy` writes to. */
export function defaultPolicyOf(role: iam.Role): IConstruct {
  return role.node.findChild('DefaultPolicy');
}

/**
 * Options given for a kind of provider in a stack, kept until the provider is made. Keyed by
 * the provider's construct id, which is one per stack.
 */
const pendingOptions = new WeakMap<Stack, Map<string, ProviderOptions[]>>();

/** The options given so far for the provider `providerId` of `stack`. */
export function optionsOf(stack: Stack, providerId: string): ProviderOptions[] {
  return pendingOptions.get(stack)?.get(providerId) ?? [];
}

/** Records options for the provider `providerId` of `stack`, for when it is made. */
export function rememberOptions(stack: Stack, providerId: string, options: ProviderOptions): void {
  let byProvider = pendingOptions.get(stack);
  if (!byProvider) {
    byProvider = new Map();
    pendingOptions.set(stack, byProvider);
  }
  byProvider.set(providerId, [...byProvider.get(providerId) ?? [], options]);
}
