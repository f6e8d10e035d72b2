import { IConstruct } from 'constructs';
import { formatFindings } from './format-findings';
import { PolicyResult } from './policy-engine';
import { PavedValidationError } from '../platform/paved-validation-error';

/**
 * The guardrails found errors that no deviation justifies. The message lists them, grouped by
 * service, each with its fix.
 */
export class GuardrailViolationError extends PavedValidationError {
  /**
   * @param scope the platform whose output was checked
   * @param result the guardrails' verdict, whose `unjustifiedErrors` the message lists
   */
  constructor(scope: IConstruct, public readonly result: PolicyResult) {
    super(scope, `${result.unjustifiedErrors.length} guardrail error(s) without a deviation; nothing was written.\n\n${formatFindings(result.unjustifiedErrors)}\n`
      + 'Fix them, or declare a deviation { ruleId, reason, owner, expires } on the service (or the platform).');
    this.name = 'GuardrailViolationError';
  }
}
