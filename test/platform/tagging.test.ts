import { readFileSync } from 'fs';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { LABEL_KEYS, TAG_KEYS } from '../../src';
import { TestComponent, readStack, readTree, synthToTemp, testPlatform } from '../util';

describe('tags and labels', () => {
  const platform = testPlatform({ tags: { 'cost-center': 'cc-1234' } });
  new TestComponent(platform, 'checkout', 'web');
  const outdir = synthToTemp(platform);

  test('every stack tags every taggable resource through the provider default tags', () => {
    const stack = readStack(outdir, 'staging', 'checkout-staging');
    expect(stack.provider.aws).toEqual([{
      region: 'eu-west-1',
      allowed_account_ids: ['222222222222'],
      default_tags: [{
        tags: {
          'cost-center': 'cc-1234',
          [TAG_KEYS.platform]: 'acme',
          [TAG_KEYS.environment]: 'staging',
          [TAG_KEYS.team]: 'web',
          [TAG_KEYS.service]: 'checkout',
          [TAG_KEYS.goldenPath]: 'test',
          [TAG_KEYS.managedBy]: 'paved',
        },
      }],
    }]);
  });

  test('every Kubernetes object carries the ownership labels', () => {
    const manifests = [...readTree(join(outdir, 'gitops')).entries()].filter(([path]) => !path.endsWith('kustomization.yaml'));
    expect(manifests.length).toBe(3);
    for (const [path] of manifests) {
      const [object] = Yaml.load(join(outdir, 'gitops', path));
      const environment = path.split('/')[0];
      expect(object.metadata.labels).toEqual({
        [LABEL_KEYS.platform]: 'acme',
        [LABEL_KEYS.service]: 'checkout',
        [LABEL_KEYS.managedBy]: 'paved',
        [LABEL_KEYS.environment]: environment,
        [LABEL_KEYS.team]: 'web',
        [LABEL_KEYS.goldenPath]: 'test',
      });
      expect(object.metadata.namespace).toBe('web');
    }
    expect(readFileSync(join(outdir, 'gitops/dev/apps/checkout/configmap-checkout-config.yaml'), 'utf8')).toContain('ENVIRONMENT: dev');
  });
});
