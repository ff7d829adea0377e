import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { DEFAULT_SIGNING } from '../cost-explorer/cost-explorer-emulator';
import { sigV4Problem } from '../projects-api/sigv4-check';

/**
 * A loopback emulator of the two EventBridge Scheduler operations the retry activator uses, as the
 * SDK sends them (REST-JSON, signing name `scheduler`): `GetSchedule` (`GET /schedules/{Name}?groupName=`)
 * and `UpdateSchedule` (`PUT /schedules/{Name}`). Like the service, an update replaces the whole
 * schedule with what the request carries: an optional field left out is reset, which is what a
 * client that forgets to copy a field would do to a real schedule. Requests must be signed with the
 * credentials the cost allocation handler tests give the process.
 */

/** A schedule as GetSchedule returns it (dates as epoch seconds, the REST-JSON default). */
export interface EmulatedSchedule {
  Arn: string;
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  StartDate?: number;
  EndDate?: number;
  Description?: string;
  State: 'ENABLED' | 'DISABLED';
  KmsKeyArn?: string;
  FlexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  Target: Record<string, unknown>;
  ActionAfterCompletion?: string;
  CreationDate: number;
  LastModificationDate: number;
}

/** The fields an UpdateSchedule request carries (everything but the read-only ones). */
const UPDATABLE = ['ScheduleExpression', 'ScheduleExpressionTimezone', 'StartDate', 'EndDate', 'Description', 'State', 'KmsKeyArn',
  'FlexibleTimeWindow', 'Target', 'ActionAfterCompletion'] as const;

export class SchedulerEmulator {
  public static async start(region: string, account = '111111111111'): Promise<SchedulerEmulator> {
    const emulator = new SchedulerEmulator(region, account);
    await new Promise<void>((resolve) => emulator.server.listen(0, '127.0.0.1', () => resolve()));
    return emulator;
  }

  /** Requests by operation, in order, with their JSON bodies. */
  public readonly requests: Array<{ operation: 'GetSchedule' | 'UpdateSchedule' | 'Unknown'; name: string; group?: string; body?: any }> = [];
  /**
   * Answer every request with this status (e.g. 403 for a missing permission); with `operation`,
   * only the requests of that operation.
   */
  public failWith?: { status: number; type: string; message: string; operation?: 'GetSchedule' | 'UpdateSchedule' };
  /** Answer every request this many milliseconds late (a slow or stuck service); 0 answers at once. */
  public answerDelayMs = 0;

  private readonly schedules = new Map<string, EmulatedSchedule>();
  private readonly server: Server;

  private constructor(public readonly region: string, public readonly account: string) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error) => answer(response, 500, { Message: String(error) }, 'InternalServerException'));
    });
  }

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Puts a schedule in place, as CloudFormation would have created it; returns it. */
  public seed(name: string, fields: Partial<EmulatedSchedule> = {}, group = 'default'): EmulatedSchedule {
    const now = Math.floor(Date.now() / 1000);
    const schedule: EmulatedSchedule = {
      Arn: `arn:aws:scheduler:${this.region}:${this.account}:schedule/${group}/${name}`,
      Name: name,
      GroupName: group,
      ScheduleExpression: 'rate(6 hours)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: `arn:aws:lambda:${this.region}:${this.account}:function:Activator`, RoleArn: `arn:aws:iam::${this.account}:role/SchedulerRole` },
      CreationDate: now,
      LastModificationDate: now,
      ...fields,
    };
    this.schedules.set(`${group}/${name}`, schedule);
    return structuredClone(schedule);
  }

  public get(name: string, group = 'default'): EmulatedSchedule | undefined {
    const schedule = this.schedules.get(`${group}/${name}`);
    return schedule && structuredClone(schedule);
  }

  public count(operation: 'GetSchedule' | 'UpdateSchedule'): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }

  public reset(): void {
    this.schedules.clear();
    this.requests.length = 0;
    this.failWith = undefined;
    this.answerDelayMs = 0;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const target = request.url ?? '/';
    const url = new URL(target, 'http://emulator');
    const route = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    const method = request.method ?? 'GET';
    const operation = route === null ? 'Unknown' : method === 'GET' ? 'GetSchedule' : method === 'PUT' ? 'UpdateSchedule' : 'Unknown';
    const name = route === null ? '' : decodeURIComponent(route[1]);
    const json = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    this.requests.push({ operation, name, group: url.searchParams.get('groupName') ?? json?.GroupName, body: json });

    const problem = sigV4Problem({ method, target, headers: request.headers, body },
      { region: this.region, service: 'scheduler', secrets: new Map([[DEFAULT_SIGNING.accessKeyId, DEFAULT_SIGNING.secretAccessKey]]) });
    if (problem !== undefined) {
      return answer(response, 403, { Message: problem }, 'InvalidSignatureException');
    }
    if (this.answerDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs).unref());
    }
    if (this.failWith && (this.failWith.operation === undefined || this.failWith.operation === operation)) {
      return answer(response, this.failWith.status, { Message: this.failWith.message }, this.failWith.type);
    }
    if (operation === 'Unknown') {
      return answer(response, 404, { Message: `No route for ${method} ${url.pathname}` }, 'UnknownOperationException');
    }
    const group = (operation === 'GetSchedule' ? url.searchParams.get('groupName') : json?.GroupName) ?? 'default';
    const schedule = this.schedules.get(`${group}/${name}`);
    if (schedule === undefined) {
      return answer(response, 404, { Message: `Schedule ${name} does not exist.` }, 'ResourceNotFoundException');
    }
    if (operation === 'GetSchedule') {
      return answer(response, 200, schedule);
    }
    for (const required of ['ScheduleExpression', 'FlexibleTimeWindow', 'Target']) {
      if (json?.[required] === undefined) {
        return answer(response, 400, { Message: `1 validation error detected: ${required} must not be null` }, 'ValidationException');
      }
    }
    // What the request leaves out is reset: the state to its default, the optional fields to nothing.
    const replaced = {
      Arn: schedule.Arn,
      Name: schedule.Name,
      GroupName: schedule.GroupName,
      CreationDate: schedule.CreationDate,
      LastModificationDate: Math.floor(Date.now() / 1000),
      State: 'ENABLED',
    } as EmulatedSchedule;
    for (const field of UPDATABLE) {
      if (json[field] !== undefined) {
        (replaced as any)[field] = json[field];
      }
    }
    this.schedules.set(`${group}/${name}`, replaced);
    return answer(response, 200, { ScheduleArn: schedule.Arn });
  }
}

function answer(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (errorType) {
    headers['x-amzn-errortype'] = errorType;
  }
  response.writeHead(status, headers);
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
