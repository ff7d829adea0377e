import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { AnswerShape, shapeAnswer } from './answer-shape';
import { EmulatedApiError, notFoundError } from './api-error';
import { FaultInjector, FaultSpec, PROJECTS_API_OPERATIONS, ProjectsApiOperation } from './fault-injection';
import { ListBehaviour, ProjectStore } from './project-store';
import { sigV4Problem } from './sigv4-check';

/**
 * A loopback emulator of the Bedrock Projects API on `bedrock-mantle` (aws-facts §1): the five
 * routes under `/v1/organization/projects`, SigV4 checked for the `bedrock-mantle` scope, and
 * faults injected on demand. Point a client at it with `AWS_ENDPOINT_URL_BEDROCK_MANTLE=<url>`.
 */

export interface ProjectsApiEmulatorOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly account?: string;
  /** Credentials whose signatures are verified; without any, only the header's scope is checked. */
  readonly credentials?: ReadonlyArray<{ readonly accessKeyId: string; readonly secretAccessKey: string }>;
  readonly list?: ListBehaviour;
  /** See {@link ProjectStoreOptions.createIgnoresDataRetention}. */
  readonly createIgnoresDataRetention?: boolean;
  /** @default the documented shape */
  readonly answerShape?: AnswerShape;
}

/** One request as the emulator saw it. */
export interface RequestRecord {
  readonly operation: ProjectsApiOperation;
  readonly method: string;
  readonly target: string;
  /** When it arrived (epoch ms). */
  readonly receivedAt: number;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
  /** The status answered, or `dropped`. */
  outcome?: number | 'dropped';
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

const ROUTE = /^\/v1\/organization\/projects(?:\/([^/]+)(\/archive)?)?\/?$/;

export class ProjectsApiEmulator {
  /** Starts an emulator on 127.0.0.1 on a free port. */
  public static async start(options: ProjectsApiEmulatorOptions = {}): Promise<ProjectsApiEmulator> {
    const emulator = new ProjectsApiEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(0, '127.0.0.1', () => resolve());
    });
    return emulator;
  }

  public readonly region: string;
  public readonly account: string;
  public readonly store: ProjectStore;
  public readonly faults = new FaultInjector();
  /** How the list answers; may be changed between requests. */
  public listBehaviour: ListBehaviour;
  /** How projects are written in answers; may be changed between requests. */
  public answerShape: AnswerShape;
  /** Every request received, in order, faulted or not. */
  public readonly requests: RequestRecord[] = [];

  private readonly server: Server;
  private readonly secrets: Map<string, string>;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(options: ProjectsApiEmulatorOptions) {
    this.region = options.region ?? 'us-east-1';
    this.account = options.account ?? '123456789012';
    this.store = new ProjectStore({ region: this.region, account: this.account, createIgnoresDataRetention: options.createIgnoresDataRetention });
    this.listBehaviour = { ...options.list };
    this.answerShape = { ...options.answerShape };
    this.secrets = new Map((options.credentials ?? []).map((credential) => [credential.accessKeyId, credential.secretAccessKey]));
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error) => {
        this.send(response, { status: 500, body: JSON.stringify({ error: { type: 'internal_server_error', message: String(error) } }) });
      });
    });
  }

  /** The origin to put in `AWS_ENDPOINT_URL_BEDROCK_MANTLE`. */
  public get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** Requests received per operation. */
  public get counts(): Record<ProjectsApiOperation, number> {
    const counts = Object.fromEntries([...PROJECTS_API_OPERATIONS, 'Unknown'].map((operation) => [operation, 0])) as Record<ProjectsApiOperation, number>;
    for (const record of this.requests) {
      counts[record.operation]++;
    }
    return counts;
  }

  /** Requests that could change something: create, modify and archive. */
  public get writeCount(): number {
    const counts = this.counts;
    return counts.CreateProject + counts.UpdateProject + counts.ArchiveProject;
  }

  /** Forgets the requests seen so far (the projects stay). */
  public resetRequests(): void {
    this.requests.length = 0;
  }

  public async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const target = request.url ?? '/';
    const path = target.split('?')[0];
    const method = request.method ?? 'GET';
    const route = ROUTE.exec(path);
    const operation = operationOf(method, route);
    const record: RequestRecord = { operation, method, target, receivedAt: Date.now() };
    this.requests.push(record);

    const answer = (result: Answer) => {
      record.outcome = result.status;
      this.send(response, result);
    };
    const drop = () => {
      record.outcome = 'dropped';
      request.socket.destroy();
    };

    const throttledFor = this.faults.throttledFor();
    if (throttledFor !== undefined) {
      return answer(errorAnswer(new EmulatedApiError(429, 'throttling_error', 'Rate exceeded'), { 'retry-after': String(throttledFor) }));
    }
    const authProblem = sigV4Problem({ method, target, headers: request.headers, body: raw },
      { region: this.region, service: 'bedrock-mantle', secrets: this.secrets });
    if (authProblem !== undefined) {
      return answer(errorAnswer(new EmulatedApiError(401, 'authentication_error', authProblem)));
    }

    const fault = this.faults.take(operation);
    if (fault !== undefined && fault.kind !== 'delay' && !fault.afterProcessing) {
      return fault.kind === 'drop' ? drop() : answer(faultAnswer(fault));
    }

    let body: unknown;
    let result: Answer;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      result = { status: 200, body: JSON.stringify(shapeAnswer(this.process(operation, route, body, target), this.answerShape)) };
    } catch (error) {
      result = error instanceof EmulatedApiError ? errorAnswer(error)
        : error instanceof SyntaxError ? errorAnswer(new EmulatedApiError(400, 'invalid_request_error', `Body is not JSON: ${error.message}`))
          : errorAnswer(new EmulatedApiError(500, 'internal_server_error', String(error)));
    }
    record.body = body;

    if (fault?.kind === 'delay') {
      // The request has taken effect; only the answer is late, as with a slow or congested service.
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        answer(result);
      }, fault.delayMs ?? 1000);
      this.timers.add(timer);
      return;
    }
    if (fault !== undefined) {
      return fault.kind === 'drop' ? drop() : answer(faultAnswer(fault));
    }
    return answer(result);
  }

  private process(operation: ProjectsApiOperation, route: RegExpExecArray | null, body: unknown, target: string): unknown {
    const id = route?.[1] === undefined ? '' : decodeURIComponent(route[1]);
    switch (operation) {
      case 'ListProjects':
        return this.store.list(new URL(target, 'http://emulator').searchParams, this.listBehaviour);
      case 'CreateProject':
        return this.store.create(body);
      case 'GetProject':
        return this.store.get(id);
      case 'UpdateProject':
        return this.store.modify(id, body);
      case 'ArchiveProject':
        return this.store.archive(id);
      default:
        throw notFoundError(`No route for ${target}`);
    }
  }

  private send(response: ServerResponse, answer: Answer): void {
    if (response.headersSent || response.destroyed) {
      return;
    }
    response.on('error', () => undefined);
    response.writeHead(answer.status, { 'content-type': answer.status >= 400 && answer.body.startsWith('<') ? 'text/html' : 'application/json', ...answer.headers });
    response.end(answer.body);
  }
}

function operationOf(method: string, route: RegExpExecArray | null): ProjectsApiOperation {
  if (route === null) {
    return 'Unknown';
  }
  const [, id, archive] = route;
  if (id === undefined) {
    return method === 'GET' ? 'ListProjects' : method === 'POST' ? 'CreateProject' : 'Unknown';
  }
  if (archive !== undefined) {
    return method === 'POST' ? 'ArchiveProject' : 'Unknown';
  }
  return method === 'GET' ? 'GetProject' : method === 'POST' ? 'UpdateProject' : 'Unknown';
}

function faultAnswer(fault: FaultSpec): Answer {
  const retryAfter = fault.retryAfterSeconds ?? (fault.kind === 'throttle' ? 1 : undefined);
  const headers = retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) };
  if (fault.kind === 'throttle') {
    return errorAnswer(new EmulatedApiError(429, 'throttling_error', 'Too many requests, please slow down'), headers);
  }
  const status = fault.status ?? 500;
  if (fault.body !== undefined) {
    return { status, body: fault.body, headers };
  }
  const type = status === 503 ? 'service_unavailable_error' : status >= 500 ? 'internal_server_error' : 'invalid_request_error';
  return errorAnswer(new EmulatedApiError(status, type, `Injected fault: HTTP ${status}`), headers);
}

function errorAnswer(error: EmulatedApiError, headers?: Record<string, string>): Answer {
  return { status: error.status, body: error.toBody(), headers };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
