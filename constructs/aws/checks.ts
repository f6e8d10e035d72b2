/** The whole numbers a prop accepts. */
export interface WholeNumberRange {
  /** The smallest accepted value. */
  readonly min: number;
  /** The largest accepted value; none means no upper limit. */
  readonly max?: number;
  /** What the number counts: `days`, `seconds`. */
  readonly unit: string;
  /** Why the range is what it is: `the range KMS accepts`. */
  readonly why?: string;
}

/** A message when `value` of `prop` is not a whole number in `range`; `undefined` when it is. */
export function rangeProblem(prop: string, value: number, range: WholeNumberRange): string | undefined {
  if (Number.isInteger(value) && value >= range.min && value <= (range.max ?? Infinity)) {
    return undefined;
  }
  const bounds = range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
  return `'${prop}' must be a whole number of ${range.unit} ${bounds}${range.why ? `, ${range.why}` : ''} (got ${value}).`;
}

/** The messages of `problems` that are not `undefined`. */
export function problemsOf(...problems: (string | undefined)[]): string[] {
  return problems.filter((p): p is string => p !== undefined);
}
