/**
 * The regions whose `bedrock-mantle` endpoint serves the Projects API, as the Bedrock user guide
 * lists them ("Regions with bedrock-mantle", bedrock-mantle.html; its newest version added
 * ap-southeast-2 and us-gov-west-1 to an earlier twelve). Used only for a synth-time warning: the
 * service may launch in more regions before this list is updated, so a region outside it is not
 * an error.
 */
export const BEDROCK_MANTLE_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-2',
  'ap-southeast-3', 'ap-south-1', 'ap-southeast-2', 'ap-northeast-1',
  'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-south-1', 'eu-north-1',
  'sa-east-1',
  'us-gov-west-1',
];
