import { Operation } from './operation';
import { checkName } from '../platform/names';
import { PavedValidationError } from '../platform/paved-validation-error';
import { quoteList } from '../util/quote-list';

/** Options of `rotateSecret`. */
export interface RotateSecretOptions {
  readonly service: string;
  /** The secret's name as the service declares it (`database`, `stripe-key`). */
  readonly secret: string;
  /**
   * Rotate again even if it was rotated the same day (UTC).
   * @default false: a second request on one day changes nothing
   */
  readonly force?: boolean;
}

/**
 * `paved secret rotate`: raises the secret's rotation generation, which its ExternalSecret and
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
      if (nameProblem) {
        problems.push(nameProblem);
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
