import { Yaml } from 'cdk8s';
import * as yaml from 'yaml';
import acme from '../../examples/acme/platform';
import { NodeApi, PythonWorker } from '../../golden-paths';
import { YamlWriter } from '../../src/engine/yaml-writer';
import { renderCiPipeline } from '../../src/operations/ci-pipeline';
import { renderPlatform } from '../../src/synth/render-platform';
import { goldenPathPlatform } from '../util';

/** Strings YAML 1.1 reads as something else, or that need quotes, escapes or a block. */
const TRICKY_STRINGS = [
  '', ' ', 'yes', 'No', 'ON', 'off', 'y', '~', 'null', 'NULL', 'true', 'False', '1', '-1', '1.5', '0x1F', '0o17', '0b101', '1_000',
  '12:30', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '.inf', '-.inf', '.nan', '1e3', '<<', '=',
  'a: b', 'a #b', '#x', '- x', '-', '?', '? x', '*x', '&x', '!x', '%x', '@x', '`x', '|x', '>x', '[x]', '{x}', 'a,b',
  '"q"', '\'s\'', 'both "double" and \'single\'', 'back\\slash', 'line1\nline2', 'trailing\n', 'trailing ', ' leading',
  'a\n\nb\n', 'a\n  indented\n\tz', ' lead\nx', '\nx', 'x\n\n', 'x\n ', '{\n  "json": [1, 2]\n}\n', 'crlf\r\nx', '- x\n# y\n--- z',
  'ünïcödé', 'tab\there', 'bell\u0007', 'nul\u0000', '---', '--- x', '...', 'key:', 'http://x:80/y', '25%',
  'app.kubernetes.io/name', 'nginx.ingress.kubernetes.io/backend-protocol', 'sum(rate(x{code=~"5.."}[5m])) > 0.01',
  // Plain-looking values: spaces, colons, hashes, quotes and indicators inside, not at the start or end.
  'a b', 'a  b', 'Yes please', 'true dat', 'null x', 'a:b', 'arn:aws:iam::1:role/x', 'a: b: c', 'x:', 'x: ', 'x :', 'x #y', 'x# y',
  'x#', 'x #', '$x', '${{ github.sha }}', '$', '/', '/usr/bin/env node', 'docker build --tag "r:${{ github.sha }}" .',
  'echo "d=$(x)" >> "$GITHUB_OUTPUT"', 'it\'s', 'x,y', 'x]', 'x}', 'x|y', 'a - b', 'a -b', 'ok?', 'x%', 'x@', 'x`', 'a\tb',
  'key: value', 'a b ', 'a\u00a0b', 'On', 'Y', 'N', 'y x', 'x ---', 'x ...', 'x!', 'x&y', 'x*', 'x>y', 'x<<',
];

/** Strings of the characters that matter to a plain scalar, mostly letters, `count` of them (the same on every run). */
function randomStrings(count: number): string[] {
  const alphabet = 'abcxyzABC019 $/:#-?,[]{}\'"!&*|>%@`~.=+<\t';
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => (
    next() < 0.5 ? 'abcxyz'[Math.floor(next() * 6)] : alphabet[Math.floor(next() * alphabet.length)])).join(''));
}

const writer = YamlWriter.manifests();

/** Documents of every shape: collections, scalars, repeated objects. */
const DOCUMENTS: [string, unknown][] = [
  ['numbers', { n: [0, -1, 42, 1.5, -0, 1e21, 2 ** 60, 0.1] }],
  ['booleans and null', { yes: true, no: false, none: null }],
  ['undefined', { missing: undefined }],
  ['empty collections', { map: {}, list: [], items: [{}, []] }],
  ['a list of maps of lists', { items: [{ name: 'a', ports: [{ port: 1 }, { port: 2 }] }, { sub: { deep: ['x'] }, more: 1 }] }],
  ['a list in a list', { matrix: [[1, 2], [3]] }],
  ['one object twice', (() => {
    const labels = { app: 'x' };
    return { metadata: { labels }, spec: { selector: labels } };
  })()],
  ['a list document', ['a', { b: 1 }]],
  ['an empty document', {}],
  ['a scalar document', 'just text'],
];


describe('YamlWriter.manifests() writes what cdk8s Yaml.stringify writes', () => {
  test.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s), s]))('the string %s as a value, a list item and a key', (_, value) => {
    for (const document of [{ value }, { list: [value, 'plain'] }, { [value]: 'x' }, { nested: { [value]: [{ value }] } }]) {
      expect(writer.stringify(document)).toBe(Yaml.stringify(document));
    }
  });

  test.each(DOCUMENTS)('%s', (_, document) => {
    expect(writer.stringify(document)).toBe(Yaml.stringify(document));
  });

  test('3,000 random strings as values and list items', () => {
    const document = { values: Object.fromEntries(randomStrings(3000).map((value, i) => [`v${i}`, value])), list: randomStrings(3000) };
    expect(writer.stringify(document)).toBe(Yaml.stringify(document));
  });

  test('writes a manifest of names, numbers and nested lists itself', () => {
    const general = jest.spyOn(Yaml, 'stringify');
    const written = YamlWriter.manifests().stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'checkout', labels: { 'app.kubernetes.io/name': 'checkout' } },
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 8080 }], args: [] }] } } },
    });
    expect(general).not.toHaveBeenCalled();
    general.mockRestore();
    expect(written).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  labels:
    app.kubernetes.io/name: checkout
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          ports:
            - containerPort: 8080
          args: []
`);
  });

  test('every object of the acme example', () => {
    const objects = renderPlatform(acme).directories.flatMap((d) => d.files.map((f) => f.object));
    expect(objects.length).toBeGreaterThan(300);
    for (const object of objects) {
      expect(writer.stringify(object)).toBe(Yaml.stringify(object));
    }
  });
});

/** How `YamlWriter.workflows()` is to write: as `yaml` does with these options. */
const generalWorkflow = (document: unknown) => yaml.stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });

describe('YamlWriter.workflows() writes what yaml writes with no folding and no aliases', () => {
  const workflows = YamlWriter.workflows();

  test.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s), s]))('the string %s as a value, a list item and a key', (_, value) => {
    for (const document of [{ value }, { list: [value, 'plain'] }, { [value]: 'x' }, { nested: { [value]: [{ value }] } }]) {
      expect(workflows.stringify(document)).toBe(generalWorkflow(document));
    }
  });

  test.each(DOCUMENTS)('%s', (_, document) => {
    expect(workflows.stringify(document)).toBe(generalWorkflow(document));
  });

  test('3,000 random strings as values and list items', () => {
    const document = { values: Object.fromEntries(randomStrings(3000).map((value, i) => [`v${i}`, value])), list: randomStrings(3000) };
    expect(workflows.stringify(document)).toBe(generalWorkflow(document));
  });

  test('YAML 1.2 words: on and yes stay plain, true is quoted', () => {
    expect(workflows.stringify({ on: { push: {} }, yes: 'no', value: 'true' })).toBe('on:\n  push: {}\nyes: no\nvalue: "true"\n');
  });

  test('the service and platform workflows, written without yaml but for odd scalars', () => {
    const general = jest.spyOn(jest.requireActual<typeof yaml>('yaml'), 'stringify');
    const platform = goldenPathPlatform();
    new NodeApi(platform, 'checkout', { team: 'payments', database: true, queues: ['orders'] });
    new PythonWorker(platform, 'shipper', { team: 'payments', dependsOn: ['checkout'] });
    const texts = [
      ...platform.additionalFiles.filter((f) => f.path.startsWith('ci/')).map((f) => f.content),
      renderCiPipeline({ platform, app: 'platform.ts' }),
    ];
    const calls = general.mock.calls.map(([value]) => value);
    general.mockRestore();
    expect(texts).toHaveLength(3);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((value) => typeof value === 'object')).toEqual([]);
    for (const text of texts) {
      const body = text.slice(text.indexOf('\n') + 1);
      expect(body).toBe(generalWorkflow(yaml.parse(body)));
    }
  });
});
