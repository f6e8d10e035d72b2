import { closest } from './prop-checker';

/**
 * The AWS regions an environment may be in: the commercial partition, AWS GovCloud (US) and the
 * China regions. A region AWS opens later is added here (a one-line change).
 */
export const AWS_REGIONS: readonly string[] = [
  // commercial
  'af-south-1',
  'ap-east-1', 'ap-east-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2',
  'eu-north-1',
  'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1',
  'me-central-1', 'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1', 'us-east-2',
  'us-west-1', 'us-west-2',
  // AWS GovCloud (US)
  'us-gov-east-1', 'us-gov-west-1',
  // China
  'cn-north-1', 'cn-northwest-1',
];

/**
 * The problem with `region` as the AWS region of `prop`, or undefined when it is one.
 * @param prop how the message names the prop: `'region'`
 */
export function awsRegionProblem(prop: string, region: unknown): string | undefined {
  if (typeof region === 'string' && AWS_REGIONS.includes(region)) {
    return undefined;
  }
  if (typeof region !== 'string') {
    return `${prop} must be an AWS region code such as 'eu-west-1' (got ${region === undefined ? 'undefined' : `${JSON.stringify(region)} (${typeof region})`}).`;
  }
  const near = closest(region, AWS_REGIONS);
  return `${prop} must be an AWS region code such as 'eu-west-1' (got "${region}" (string)); ${near ? `did you mean '${near}'?` : 'the regions are listed in AWS_REGIONS (src/platform/aws-region.ts); add a newly opened one there.'}`;
}
