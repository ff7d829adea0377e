import * as path from 'path';
import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IBedrockProject } from '../src';

/** The model the example chatbot asks; any model the Responses API serves on bedrock-mantle works. */
export const CHATBOT_MODEL_ID = 'openai.gpt-oss-120b';

export interface ChatbotAppStackProps extends StackProps {
  /** The project the chatbot's requests belong to (and are billed under). */
  readonly project: IBedrockProject;
}

/**
 * An example application: a function that answers questions through the Responses API in its
 * environment's chatbot project.
 */
export class ChatbotAppStack extends Stack {
  public readonly chatbot: lambda.Function;

  constructor(scope: Construct, id: string, props: ChatbotAppStackProps) {
    super(scope, id, props);
    // Its own log group and a role that may write only there, rather than the AWS managed
    // AWSLambdaBasicExecutionRole, whose logs permissions reach every log group of the account.
    const logGroup = new logs.LogGroup(this, 'ChatbotLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'ChatbotRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }));
    this.chatbot = new lambda.Function(this, 'Chatbot', {
      description: 'Example chatbot calling the Responses API in a Bedrock project',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
      handler: 'index.handler',
      // Plain JavaScript with a package.json: run `npm install --omit=dev` in the folder
      // before a real deployment, since `openai` is not part of the Lambda runtime.
      code: lambda.Code.fromAsset(path.join(__dirname, 'chatbot-function')),
      timeout: Duration.seconds(60),
      memorySize: 256,
      environment: { MODEL_ID: CHATBOT_MODEL_ID },
    });
    // OPENAI_BASE_URL, OPENAI_PROJECT_ID and bedrock-mantle:CreateInference on this project only.
    props.project.configureFunction(this.chatbot);
  }
}
