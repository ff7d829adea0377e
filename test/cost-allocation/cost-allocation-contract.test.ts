import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { contextWith, createEvent, BundledHandler, sharedEmulatorForFile, silenceHandlerLogs } from './handler/bundled-handler';
import { CostAllocationTags } from '../../src/cost-allocation';
import { CostExplorerEmulator } from '../emulators/cost-explorer/cost-explorer-emulator';

// What the construct renders is what the bundled handler understands: the resource properties
// and the retry schedule's payload are taken from a synthesized template and fed to the handler.

let emulator: CostExplorerEmulator;
let handler: BundledHandler;

sharedEmulatorForFile((e, h) => {
  emulator = e;
  handler = h;
});
beforeEach(silenceHandlerLogs);

function synthesize(): Template {
  const stack = new Stack(new App(), 'Finops', { env: { account: '111111111111', region: 'eu-west-1' } });
  new CostAllocationTags(stack, 'CostAllocationTags', { tagKeys: ['Team', 'CostCenter', 'Application'], deactivateOnDelete: true });
  return Template.fromStack(stack);
}

test('the rendered resource properties and schedule payload drive the bundled handler', async () => {
  const template = synthesize();
  const [resourceId, resource] = Object.entries(template.findResources('Custom::CostAllocationTags'))[0];
  const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0];
  emulator.registerKeys(['Application', 'CostCenter']);

  const created = await handler(createEvent(resource.Properties, resourceId), contextWith(60_000));

  expect(created.Data).toMatchObject({ ActiveTagKeys: 'Application,CostCenter', PendingTagKeys: 'Team', RetryScheduleState: 'ENABLED' });
  // Every attribute the template reads is one the handler returns.
  const attributes = JSON.stringify(template.toJSON()).match(new RegExp(`"Fn::GetAtt":\\["${resourceId}","(\\w+)"\\]`, 'g')) ?? [];
  const names = attributes.map((a) => a.split('"').slice(-2)[0]);
  expect(names).toContain('RetryScheduleState');
  for (const name of names) {
    expect(created.Data).toHaveProperty(name);
  }

  emulator.registerKeys(['Team']);
  const retried = await handler(JSON.parse(schedule.Properties.Target.Input), contextWith(60_000));
  expect(retried).toEqual({ activeTagKeys: ['Application', 'CostCenter', 'Team'], pendingTagKeys: [], activatedNow: ['Team'] });
});

test('the schedule payload of a construct with backfillFrom makes the activator request a backfill', async () => {
  const now = new Date();
  const backfillFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const stack = new Stack(new App(), 'Finops', { env: { account: '111111111111', region: 'eu-west-1' } });
  new CostAllocationTags(stack, 'CostAllocationTags', { tagKeys: ['Team'], backfillFrom });
  const schedule = Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::Schedule'))[0];
  emulator.registerKeys(['Team']);

  const retried = await handler(JSON.parse(schedule.Properties.Target.Input), contextWith(60_000));

  expect(retried).toEqual({ activeTagKeys: ['Team'], pendingTagKeys: [], activatedNow: ['Team'], backfill: 'STARTED' });
  expect(emulator.backfills).toEqual([{ BackfillFrom: `${backfillFrom}T00:00:00Z`, RequestedAt: expect.any(String) }]);
});

test('an event that is neither a CloudFormation event nor the retry payload is refused without calls', async () => {
  await expect(handler({ hello: 'world' }, contextWith(60_000))).rejects.toThrow(/^Unsupported event/);
  expect(emulator.calls).toEqual({});
});
