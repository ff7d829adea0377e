import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { SchedulerEmulator } from './scheduler-emulator';
import { DEFAULT_SIGNING } from '../cost-explorer/cost-explorer-emulator';

// The emulator must behave as the service does where the activator depends on it: an update
// replaces the whole schedule, and requests are refused unless signed for Scheduler.

let emulator: SchedulerEmulator;
let client: SchedulerClient;

beforeAll(async () => {
  emulator = await SchedulerEmulator.start('eu-west-1');
  client = new SchedulerClient({
    region: 'eu-west-1',
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: DEFAULT_SIGNING.accessKeyId, secretAccessKey: DEFAULT_SIGNING.secretAccessKey },
    maxAttempts: 1,
  });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

test('GetSchedule returns the schedule with its dates', async () => {
  const seeded = emulator.seed('s1', { Description: 'd', StartDate: 1_800_000_000 });
  const live = await client.send(new GetScheduleCommand({ Name: 's1', GroupName: 'default' }));
  expect(live).toMatchObject({ Arn: seeded.Arn, Name: 's1', State: 'ENABLED', Description: 'd', StartDate: new Date(1_800_000_000_000) });
});

test('UpdateSchedule replaces the whole schedule: a field left out is reset', async () => {
  emulator.seed('s1', { Description: 'd', ScheduleExpressionTimezone: 'Europe/Dublin' });
  await client.send(new UpdateScheduleCommand({
    Name: 's1', GroupName: 'default', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 'a', RoleArn: 'r' }, State: 'DISABLED',
  }));
  const live = emulator.get('s1')!;
  expect(live).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'DISABLED', Target: { Arn: 'a', RoleArn: 'r' } });
  expect(live.Description).toBeUndefined();
  expect(live.ScheduleExpressionTimezone).toBeUndefined();
});

test('an unknown schedule is ResourceNotFoundException', async () => {
  await expect(client.send(new GetScheduleCommand({ Name: 'missing', GroupName: 'default' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});

test('a request signed for another service is refused', async () => {
  emulator.seed('s1');
  const wrong = new SchedulerClient({
    region: 'eu-west-1',
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: DEFAULT_SIGNING.accessKeyId, secretAccessKey: DEFAULT_SIGNING.secretAccessKey },
    maxAttempts: 1,
    signingName: 'events',
  } as NonNullable<ConstructorParameters<typeof SchedulerClient>[0]>);
  await expect(wrong.send(new GetScheduleCommand({ Name: 's1', GroupName: 'default' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
});
