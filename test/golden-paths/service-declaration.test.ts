import { NODE_API_GOLDEN_PATH } from '../../golden-paths/node-api/node-api-golden-path';
import { serviceDeclaration, templateDeclarationSkeleton } from '../../golden-paths/service-declaration';

describe('serviceDeclaration', () => {
  test('declares the service with the golden path\'s class, imported from the modules given', () => {
    expect(serviceDeclaration(NODE_API_GOLDEN_PATH, { name: 'ledger', team: 'payments', main: '../src', goldenPaths: '../golden-paths', writtenBy: '`paved new`' })).toBe(
      `import type { Platform } from '../src';
import { NodeApi } from '../golden-paths';

/** ledger: a Node.js HTTP API of team payments. Written by \`paved new\`; edit freely. */
export default function declare(platform: Platform): NodeApi {
  return new NodeApi(platform, 'ledger', { team: 'payments' });
}
`);
  });

  test('imports the class from the golden path\'s own module when it names one', () => {
    const declaration = serviceDeclaration({ ...NODE_API_GOLDEN_PATH, module: '@acme/golden-paths' }, { name: 'ledger', team: 'payments', main: 'paved', goldenPaths: 'paved/golden-paths', writtenBy: '`paved new`' });
    expect(declaration).toContain("import { NodeApi } from '@acme/golden-paths';\n");
  });
});

describe('templateDeclarationSkeleton', () => {
  test('is the declaration for the name and team the Template asks for, importing paved by its package name', () => {
    expect(templateDeclarationSkeleton(NODE_API_GOLDEN_PATH)).toEqual({
      '${{ values.name }}.ts': serviceDeclaration(NODE_API_GOLDEN_PATH, {
        name: '${{ values.name }}',
        team: '${{ values.owner | parseEntityRef | pick("name") }}',
        main: 'paved',
        goldenPaths: 'paved/golden-paths',
        writtenBy: 'the Backstage Template',
      }),
    });
  });
});
