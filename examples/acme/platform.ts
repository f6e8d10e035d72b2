import { join } from 'path';
import { GrpcService, NodeApi, PlatformBaseline, PythonWorker, ReactFrontend } from '../../golden-paths';
import { Platform, RecordedFacts, SelfService, StateBackend } from '../../src';

/** Acme: three environments in three accounts, four teams, six services on all four golden paths. */
const platform = new Platform({
  name: 'acme',
  gitops: { repoUrl: 'https://github.com/acme/gitops.git' },
  region: 'eu-west-1',
  environments: [
    { name: 'dev', account: '111111111111' },
    { name: 'staging', account: '222222222222' },
    { name: 'prod', account: '333333333333' },
  ],
  teams: [
    { name: 'platform-eng', displayName: 'Platform engineering', idpGroup: 'acme-platform-eng', contact: { email: 'platform@acme.example', chat: 'https://acme.slack.com/archives/platform' }, domain: 'platform' },
    { name: 'payments', idpGroup: 'acme-payments', contact: { email: 'payments@acme.example', onCall: 'https://acme.pagerduty.com/schedules/payments' }, domain: 'commerce' },
    { name: 'fulfilment', idpGroup: 'acme-fulfilment', contact: { email: 'fulfilment@acme.example' }, domain: 'logistics' },
    { name: 'web', idpGroup: 'acme-web', contact: { email: 'web@acme.example', chat: 'https://acme.slack.com/archives/web' }, domain: 'commerce' },
  ],
  // Examples keep Terraform state on local disk; a real platform keeps the S3 default.
  stateBackend: StateBackend.local(),
  selfService: SelfService.fromFile(join(__dirname, 'self-service.json')),
  // What 'paved apply' recorded from each environment's platform stack (its network and cluster):
  // service stacks read these values, so they plan without reading another stack's state.
  facts: RecordedFacts.fromFile(join(__dirname, 'paved-facts.json')),
  tags: { 'cost-center': 'cc-1234' },
});

new PlatformBaseline(platform, { platformTeam: 'platform-eng', domain: 'acme.example' });

new NodeApi(platform, 'checkout', {
  team: 'payments',
  database: true,
  queues: ['orders'],
  secrets: ['stripe'],
  openApiPath: 'openapi.yaml',
  // A local copy of that file: the catalog's API entity carries the real definition.
  openApiFile: join(__dirname, 'services/checkout/openapi.yaml'),
  environments: { prod: { minReplicas: 4, database: { size: 'large' } } },
});
new NodeApi(platform, 'payments-api', { team: 'payments', database: { size: 'medium' }, dependsOn: ['inventory'] });
new PythonWorker(platform, 'fulfilment-worker', {
  team: 'fulfilment',
  queues: ['shipments'],
  buckets: ['labels'],
  dependsOn: ['inventory'],
  consumes: { queues: ['checkout/orders'] }, // the orders checkout takes, shipped here
});
new GrpcService(platform, 'inventory', { team: 'fulfilment', database: true });
new ReactFrontend(platform, 'storefront', { team: 'web', dependsOn: ['checkout', 'payments-api'] });
new PythonWorker(platform, 'report-builder', {
  team: 'web',
  buckets: ['reports'],
  writableRootFilesystem: {
    reason: 'The PDF renderer writes its font cache next to its binary; fixed in its 3.0 release.',
    owner: 'web@acme.example',
    expires: '2027-03-31',
  },
});

export default platform;
