import { BEDROCK_MANTLE_REGIONS } from '../../src/project/mantle-regions';

describe('regions known to serve Bedrock projects', () => {
  test('are the Bedrock user guide\'s bedrock-mantle regions (bedrock-mantle.html, "Regions with bedrock-mantle")', () => {
    // Copied from the user guide's newest version, which added Sydney and GovCloud (US-West) to
    // an earlier list of twelve. When AWS lists more, update both this list and the source's.
    const userGuide = [
      'us-east-1', 'us-east-2', 'us-west-2',
      'ap-southeast-3', 'ap-south-1', 'ap-southeast-2', 'ap-northeast-1',
      'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-south-1', 'eu-north-1',
      'sa-east-1', 'us-gov-west-1',
    ];
    expect([...BEDROCK_MANTLE_REGIONS].sort()).toEqual([...userGuide].sort());
  });

  test('include Sydney and GovCloud (US-West), which an older list of twelve left out', () => {
    expect(BEDROCK_MANTLE_REGIONS).toEqual(expect.arrayContaining(['ap-southeast-2', 'us-gov-west-1']));
  });

  test('have no duplicates', () => {
    expect(new Set(BEDROCK_MANTLE_REGIONS).size).toBe(BEDROCK_MANTLE_REGIONS.length);
  });
});
