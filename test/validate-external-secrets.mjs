// Validates External Secrets objects with @kubernetes-models/external-secrets 2.x, which is
// ESM-only (jest's CommonJS module system cannot load it). Reads a JSON array of
// { file, object } from stdin, writes a JSON array of problems (strings) to stdout.
import { readFileSync } from 'fs';

const items = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const { file, object } of items) {
  const [group, version] = String(object.apiVersion).split('/');
  let Model;
  try {
    Model = (await import(`@kubernetes-models/external-secrets/${group}/${version}/${object.kind}`))[object.kind];
  } catch {
    Model = undefined;
  }
  if (typeof Model !== 'function') {
    problems.push(`${file}: no External Secrets schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${file}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
