import { Operation } from './operation';
import { checkName } from '../platform/names';
import { PavedValidationError } from '../platform/paved-validation-error';
import { quoteList } from '../util/quote-list';

/** Options of `rotateSecret`. */
export interface RotateSecretOptions {
  /** The declared service whose secret is rotated. */
  readonly service: string;
  /** The secret's name as the service declares it in `secrets` (`stripe-key`). */
  readonly secret: string;
  /**
   * Rotate again even if it was rotated the same day (UTC).
   * @default false: a second request on one day changes nothing
   */
  readonly force?: boolean;
}

/**
 * `paved secret rotate`: raises the rotation generation of a secret the service declares, which its ExternalSecret and
 * Secrets Manager rotation carry in their configuration (`Platform.rotationGeneration`), so the
 * next apply and sync rotate it. At most once a day unless `force`, so that asking twice changes
 * nothing.
 */
export function rotateSecret(options: RotateSecretOptions): Operation {
  const { service, secret } = options;
  return {
    name: 'secret.rotate',
    args: { service, secret },
    apply(state, { platform, now, by }) {
      const services = platform.declaredComponents.map((c) => c.name);
      const problems: string[] = [];
      if (!services.includes(service)) {
        problems.push(`unknown service '${service}'; the services are ${quoteList(services) || 'none yet'}.`);
      }
      const nameProblem = checkName('secret', secret, 63);
      const declared = platform.declaredComponent(service)?.secrets;
      if (nameProblem) {
        problems.push(nameProblem);
      } else if (declared && !declared.includes(secret)) {
        problems.push(declared.length === 0
          ? `service '${service}' declares no secrets, so there is no secret '${secret}' to rotate; add it to the service's 'secrets' first.`
          : `service '${service}' declares no secret '${secret}'; its secrets are ${quoteList(declared)}.`);
      }
      PavedValidationError.throwIfAny(platform, problems);

      const existing = state.secretRotations.find((r) => r.service === service && r.secret === secret);
      if (existing && !options.force && existing.rotated.slice(0, 10) === now.toISOString().slice(0, 10)) {
        return { message: `unchanged: secret '${secret}' of '${service}' was already rotated today (generation ${existing.generation}); pass --force to rotate it again.` };
      }
      const generation = (existing?.generation ?? 0) + 1;
      return {
        state: {
          ...state,
          secretRotations: [
            ...state.secretRotations.filter((r) => r !== existing),
            { service, secret, generation, rotated: now.toISOString(), by },
          ],
        },
        message: `requested rotation of secret '${secret}' of '${service}' (generation ${generation}); it rotates at the next apply and sync.`,
      };
    },
  };
}
