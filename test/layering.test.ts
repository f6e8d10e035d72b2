import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { importsOf, layeringViolations } from './layering-check';

const ROOT = join(__dirname, '..');

/** A source tree in a temporary directory, from file paths and contents. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-layering-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('the layering', () => {
  test('no module of src/, constructs/ or golden-paths/ imports upward, and only src/engine imports cdktf/cdk8s internals', () => {
    expect(layeringViolations(ROOT)).toEqual([]);
  });
});

describe('the layering check', () => {
  test('fails on an upward import, naming the file, the line and both layers', () => {
    const root = tree({
      'src/util/a.ts': 'export const a = 1;\n',
      'src/platform/model.ts': "import { a } from '../util/a';\n\nimport { synth } from '../synth/synth';\nexport const m = a + synth;\n",
      'src/synth/synth.ts': "import { m } from '../platform/model';\nexport const synth = 1;\nexport const n = m;\n",
    });
    expect(layeringViolations(root)).toEqual([
      'src/platform/model.ts:3 imports ../synth/synth (layer src/platform may not import layer src/synth)',
    ]);
  });

  test('counts type imports, export-from, require, dynamic import() and import() types', () => {
    const root = tree({
      'src/policy/rule.ts': [
        "import type { Platform } from '../operations/op';",
        "export { x } from '../synth/x';",
        "const y = require('../cli/y');",
        "export async function f() { return import('../portal/p'); }",
        "export type T = import('../engine/e').E;",
        "import z = require('../../golden-paths/service');",
        "import '../../constructs/side-effect';",
        '',
      ].join('\n'),
    });
    expect(layeringViolations(root)).toEqual([
      'src/policy/rule.ts:1 imports ../operations/op (layer src/policy may not import layer src/operations)',
      'src/policy/rule.ts:2 imports ../synth/x (layer src/policy may not import layer src/synth)',
      'src/policy/rule.ts:3 imports ../cli/y (layer src/policy may not import layer src/cli)',
      'src/policy/rule.ts:4 imports ../portal/p (layer src/policy may not import layer src/portal)',
      'src/policy/rule.ts:5 imports ../engine/e (layer src/policy may not import layer src/engine)',
      'src/policy/rule.ts:6 imports ../../golden-paths/service (layer src/policy may not import layer golden-paths)',
      'src/policy/rule.ts:7 imports ../../constructs/side-effect (layer src/policy may not import layer constructs)',
    ]);
  });

  test('fails on a deep import of cdktf or cdk8s outside src/engine, and on paved imported by name from below', () => {
    const root = tree({
      'src/engine/yaml.ts': "import { Yaml } from 'cdk8s/lib/yaml';\nexport { Yaml };\n",
      'constructs/aws/bucket.ts': "import { resolve } from 'cdktf/lib/_tokens';\nimport { synth } from 'paved';\nexport { resolve, synth };\n",
    });
    expect(layeringViolations(root)).toEqual([
      'constructs/aws/bucket.ts:1 imports cdktf/lib/_tokens (only src/engine may import cdktf/lib or cdk8s/lib; move the code that needs it into src/engine)',
      'constructs/aws/bucket.ts:2 imports paved (layer constructs may not import layer src/index.ts)',
    ]);
  });

  test('fails on a file in no layer', () => {
    const root = tree({ 'src/helpers/h.ts': 'export const h = 1;\n' });
    expect(layeringViolations(root)).toEqual([
      expect.stringMatching(/^src\/helpers\/h\.ts:1 is in no layer/),
    ]);
  });

  test('accepts a cycle of type-only imports inside one folder, and fails on one with a value import', () => {
    const typeOnly = tree({
      'src/platform/platform.ts': "import type { Placement } from './placement';\nexport class Platform { p?: Placement; }\n",
      'src/platform/placement.ts': "import { Platform } from './platform';\nexport class Placement { p = new Platform(); }\n",
    });
    expect(layeringViolations(typeOnly)).toEqual([]);
    const valued = tree({
      'src/platform/platform.ts': "import { Placement } from './placement';\nexport class Platform { p = Placement; }\n",
      'src/platform/placement.ts': "import { Platform } from './platform';\nexport class Placement { p = Platform; }\n",
    });
    expect(layeringViolations(valued)).toEqual([
      expect.stringMatching(/^src\/platform\/platform\.ts:1 imports \.\/placement \(a cycle of imports in src\/platform that are not all type-only: src\/platform\/placement\.ts:1 -> src\/platform\/platform\.ts:1;/),
    ]);
  });

  test('reads type-only named imports as type-only', () => {
    expect(importsOf('a.ts', "import { type A, type B } from './b';\nimport { type C, D } from './d';\n").map((r) => r.typeOnly)).toEqual([true, false]);
  });
});
