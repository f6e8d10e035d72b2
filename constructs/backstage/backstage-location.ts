import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { createEntity } from './backstage-entity';
import { objectFileName } from '../../src/engine/kubernetes-manifests';
import { PlatformChart } from '../../src/platform/platform-chart';
import { sortedBy } from '../../src/util/sorted-by';

/** Props of a `BackstageLocation`. */
export interface BackstageLocationProps {}

/**
 * The Location entity `<platform>-catalog` that lists every other entity file of its chart, so
 * that Backstage registers the whole `catalog/` directory from this one file. It names no
 * `spec.type`: its relative targets then take the type of the location it is read from, so the
 * same file works registered as a `url` location (a repository, a static host) and as a `file`
 * location (a checkout on the Backstage host).
 */
export class BackstageLocation extends Construct {
  /** The Location entity's name, `<platform>-catalog` as the platform's naming forms it. */
  public readonly name: string;
  /** The Location entity. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, _props: BackstageLocationProps = {}) {
    super(scope, id);
    const chart = PlatformChart.of(this);
    this.name = chart.platform.naming.kubernetesName(chart.platform.name, 'catalog');
    this.resource = createEntity(this, {
      kind: 'Location',
      name: this.name,
      description: `Every catalog entity of the ${chart.platform.name} platform.`,
      spec: { targets: Lazy.any({ produce: () => this.targets(chart) }) },
    });
  }

  /** `./<kind>-<name>.yaml` of every entity of `chart` but this one, sorted. */
  private targets(chart: Chart): string[] {
    const entities = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c !== this.resource);
    return sortedBy(entities.map((e) => `./${objectFileName({ kind: e.kind, metadata: { name: e.name } })}`), (t) => t);
  }
}
