import { Lazy } from 'cdktf';
import { PolicyStatement } from './policy-statement';
import { isPlainString } from '../../src/engine/resolve-tokens';
import { PavedValidationError } from '../../src/platform/paved-validation-error';

/**
 * An IAM policy that statements are added to until synth. Statements are kept once per Sid and
 * rendered in Sid order, with their lists sorted after Terraform references are resolved, so
 * the JSON depends only on what was added, not on the order or on token numbering.
 */
export class PolicyDocument {
  private readonly statements = new Map<string, PolicyStatement>();

  constructor(statements: readonly PolicyStatement[] = []) {
    this.addStatements(...statements);
  }

  /**
   * Adds `statements`; adding a statement again is a no-op.
   * @throws PavedValidationError when a different statement already has the same Sid
   */
  public addStatements(...statements: PolicyStatement[]): void {
    for (const statement of statements) {
      const existing = this.statements.get(statement.sid);
      if (existing && JSON.stringify(existing.toJson()) !== JSON.stringify(statement.toJson())) {
        throw new PavedValidationError({ description: `PolicyStatement '${statement.sid}'`, path: statement.sid }, `two different statements have this Sid: ${JSON.stringify(existing.toJson())} and ${JSON.stringify(statement.toJson())}; give one of them another 'sid'.`);
      }
      this.statements.set(statement.sid, statement);
    }
  }

  /** Whether the document has no statements yet. */
  public get isEmpty(): boolean {
    return this.statements.size === 0;
  }

  /**
   * The policy JSON as it is now.
   * @param resolve turns a string with Terraform tokens into its final text
   */
  public toJson(resolve?: (value: string) => string): string {
    const statements = [...this.statements.values()].sort((a, b) => (a.sid < b.sid ? -1 : 1));
    return JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => s.toJson(resolve)) });
  }

  /**
   * The policy JSON as a value rendered at synth, with every statement added until then.
   * Terraform references are embedded as `${...}`; an expression with quotes (a function call)
   * cannot be embedded in JSON and fails: pass it through a local value instead.
   */
  public toLazyJson(): string {
    return Lazy.stringValue({
      produce: (context) => this.toJson((value) => {
        const resolved: string = isPlainString(value) ? value : context.resolve(value);
        if (/\$\{[^}]*"/.test(resolved)) {
          throw new PavedValidationError({ description: 'PolicyDocument', path: '' },
            `A policy cannot embed the Terraform expression in ${resolved}: its quotes would break the JSON. Pass it through a TerraformLocal.`);
        }
        return resolved;
      }),
    });
  }
}
