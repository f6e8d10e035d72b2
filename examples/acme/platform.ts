import { Platform, StateBackend } from '../../src';

/**
 * Acme's platform: three environments in three accounts, three teams.
 */
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
    { name: 'payments', idpGroup: 'acme-payments', contact: { email: 'payments@acme.example', onCall: 'https://acme.pagerduty.com/schedules/payments' } },
    { name: 'fulfilment', idpGroup: 'acme-fulfilment', contact: { email: 'fulfilment@acme.example' } },
    { name: 'web', idpGroup: 'acme-web', contact: { email: 'web@acme.example', chat: 'https://acme.slack.com/archives/web' } },
  ],
  // Examples keep Terraform state on local disk; a real platform keeps the S3 default.
  stateBackend: StateBackend.local(),
  tags: { 'cost-center': 'cc-1234' },
});

export default platform;
