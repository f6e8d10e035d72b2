import { IConstruct } from 'constructs';
import { Environment } from '../src/platform/environment';
import { PavedValidationError } from '../src/platform/paved-validation-error';
import { PlatformChart } from '../src/platform/platform-chart';

/**
 * The `PlatformChart` that `scope` is in and the environment of that chart.
 * @throws PavedValidationError when the chart belongs to no environment (the catalog)
 */
export function environmentChart(scope: IConstruct): { readonly chart: PlatformChart; readonly environment: Environment } {
  const chart = PlatformChart.of(scope);
  if (chart.environment === undefined) {
    throw new PavedValidationError(scope, `this belongs to an environment, but chart '${chart.node.id}' has none; declare it in platform.placement(component, env).chart or platform.argoCdChart(env).`);
  }
  return { chart, environment: chart.environment };
}
