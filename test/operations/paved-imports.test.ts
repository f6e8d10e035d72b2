import { join, resolve } from 'path';
import { pavedImports } from '../../src/operations/paved-imports';

const ROOT = resolve(__dirname, '..', '..');

describe('pavedImports: what a file paved new writes imports paved by', () => {
  test('inside paved\'s own clone (paved running from its sources): relative paths to src/ and golden-paths/', () => {
    expect(pavedImports(join(ROOT, 'examples', 'acme', 'services'))).toEqual({ main: '../../../src', goldenPaths: '../../../golden-paths' });
    expect(pavedImports(join(ROOT, 'services'))).toEqual({ main: '../src', goldenPaths: '../golden-paths' });
  });

  test('in any other project: the package name, which resolves where paved is a dependency', () => {
    expect(pavedImports('/tmp/acme-platform/services')).toEqual({ main: 'paved', goldenPaths: 'paved/golden-paths' });
    // An installed (compiled) paved has no sources to point at.
    expect(pavedImports(join(ROOT, 'services'), { pavedSources: undefined })).toEqual({ main: 'paved', goldenPaths: 'paved/golden-paths' });
  });

  test('--import-from wins', () => {
    expect(pavedImports(join(ROOT, 'services'), { importFrom: '@acme/paved' })).toEqual({ main: '@acme/paved', goldenPaths: '@acme/paved/golden-paths' });
  });
});
