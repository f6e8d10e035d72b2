import { Construct } from 'constructs';
import { NameTarget, formatName } from './names';
import { PavedValidationError } from './paved-validation-error';

/**
 * The platform's one source of generated names. It remembers every name it hands out and
 * refuses to give one name to two different things, so a collision is a clear error at synth
 * instead of two resources fighting over one name in the cloud.
 */
export class Naming {
  private readonly issued = new Map<string, string>();

  /**
   * @param platform the platform whose name starts every AWS name
   */
  constructor(private readonly platform: Construct & { readonly name: string }) {}

  /** The id of a component's stack and chart in an environment: `<component>-<environment>`. */
  public stackId(component: string, environment: string): string {
    return this.claim('terraform-stack', [component, environment]);
  }

  /**
   * A physical AWS name: `<platform>-<environment>-<parts...>`, fitted to the target's rules.
   */
  public awsName(target: Exclude<NameTarget, 'kubernetes' | 'terraform-stack'>, environment: string, ...parts: string[]): string {
    return this.claim(target, [this.platform.name, environment, ...parts]);
  }

  /**
   * A Kubernetes object name from `parts` (a DNS-1123 label). Kubernetes names are unique per
   * namespace and kind only, so these are not claimed platform-wide.
   */
  public kubernetesName(...parts: string[]): string {
    return formatName('kubernetes', parts);
  }

  private claim(target: NameTarget, parts: readonly string[]): string {
    const name = formatName(target, parts);
    const key = `${target}\u0000${name}`;
    const owner = parts.join('/');
    const previous = this.issued.get(key);
    if (previous !== undefined && previous !== owner) {
      throw new PavedValidationError(this.platform, `the ${target} name '${name}' would be given to both '${previous}' and '${owner}'; rename one of the services or resources involved.`);
    }
    this.issued.set(key, owner);
    return name;
  }
}
