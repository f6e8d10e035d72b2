import { OutputFileOwners } from '../../src/operations/output-file-owner';

const owners = new OutputFileOwners({
  stacks: [
    { id: 'payments-api-dev', directory: 'terraform/dev/payments-api-dev', environment: 'dev', service: 'payments-api', team: 'payments', dependsOn: [] },
    { id: 'platform-dev', directory: 'terraform/dev/platform-dev', environment: 'dev', service: 'platform', team: 'platform', dependsOn: [] },
  ],
  teams: new Map([['payments', 'payments'], ['payments-api', 'payments'], ['storefront', 'web']]),
});

describe('OutputFileOwners', () => {
  test.each([
    ['terraform/dev/payments-api-dev/cdk.tf.json', { layer: 'terraform', environment: 'dev', service: 'payments-api', team: 'payments' }],
    ['terraform/dev/platform-dev/cdk.tf.json', { layer: 'terraform', environment: 'dev', service: 'platform', team: 'platform' }],
    ['terraform/stacks.json', { layer: 'terraform', service: 'platform', team: 'platform' }],
    ['gitops/prod/apps/storefront/deployment-storefront.yaml', { layer: 'gitops', environment: 'prod', service: 'storefront', team: 'web' }],
    ['gitops/prod/releases/storefront/kustomization.yaml', { layer: 'gitops', environment: 'prod', service: 'storefront', team: 'web' }],
    ['gitops/prod/apps/platform/deployment-external-dns.yaml', { layer: 'gitops', environment: 'prod', service: 'platform', team: 'platform' }],
    ['gitops/dev/argocd/application-payments-api-dev.yaml', { layer: 'gitops', environment: 'dev', service: 'payments-api', team: 'payments' }],
    ['gitops/dev/argocd/application-external-dns.yaml', { layer: 'gitops', environment: 'dev', service: 'platform', team: 'platform' }],
    ['gitops/dev/argocd/appproject-web.yaml', { layer: 'gitops', environment: 'dev', service: 'platform', team: 'web' }],
    ['gitops/dev/argocd/kustomization.yaml', { layer: 'gitops', environment: 'dev', service: 'platform', team: 'platform' }],
    ['catalog/component-payments-api.yaml', { layer: 'catalog', service: 'payments-api', team: 'payments' }],
    ['catalog/resource-payments-api-database.yaml', { layer: 'catalog', service: 'payments-api', team: 'payments' }],
    ['catalog/resource-payments-ledger.yaml', { layer: 'catalog', service: 'payments', team: 'payments' }],
    ['catalog/group-web.yaml', { layer: 'catalog', service: 'platform', team: 'web' }],
    ['catalog/skeletons/node-api/package.json', { layer: 'catalog', service: 'platform', team: 'platform' }],
    ['catalog/location-acme-catalog.yaml', { layer: 'catalog', service: 'platform', team: 'platform' }],
    ['ci/storefront.yml', { layer: 'ci', service: 'storefront', team: 'web' }],
    ['ci/unknown.yml', { layer: 'ci', service: 'platform', team: 'platform' }],
    ['report/report.json', { layer: 'other', service: 'platform', team: 'platform' }],
  ])('%s', (path, owner) => {
    expect(owners.ownerOf(path)).toEqual(owner);
  });
});
