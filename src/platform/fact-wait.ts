/**
 * A fact a stack reads that is not recorded yet: until `paved apply` of the stack that produces it
 * records it, the stack synthesizes with placeholders, is planned, and is never applied.
 */
export interface FactWait {
  /** The stack whose output gives the fact: `platform-dev`. */
  readonly stack: string;
  /** The name of that stack's fact output: `network`. */
  readonly output: string;
}

/**
 * What a waiting stack waits for, and how to unblock it: `the network and cluster of stack
 * 'platform-dev': 'paved apply --stack platform-dev' records them in paved-facts.json; commit it
 * and synth again`.
 * @param factsFile the platform's facts file as the user sees it, or undefined when it declares none
 */
export function describeWaits(waits: readonly FactWait[], factsFile: string | undefined): string {
  const producers = [...new Set(waits.map((w) => w.stack))];
  return producers.map((stack) => {
    const outputs = waits.filter((w) => w.stack === stack).map((w) => w.output);
    const what = `the ${outputs.length === 1 ? outputs[0] : `${outputs.slice(0, -1).join(', ')} and ${outputs[outputs.length - 1]}`} of stack '${stack}'`;
    const record = factsFile !== undefined
      ? `'paved apply --stack ${stack}' records ${outputs.length === 1 ? 'it' : 'them'} in ${factsFile}; commit it and synth again`
      : `declare the platform's 'facts: RecordedFacts.fromFile(join(__dirname, 'paved-facts.json'))', synth, and 'paved apply --stack ${stack}' records ${outputs.length === 1 ? 'it' : 'them'} there`;
    return `${what}: ${record}`;
  }).join('; ');
}
