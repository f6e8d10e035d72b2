import { writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { GrpcService, NodeApi } from '../../golden-paths';
import { errorOf, goldenPathPlatform, readTree, synthToTemp, tempDir } from '../util';

const OPENAPI = 'openapi: 3.0.3\ninfo:\n  title: checkout\n  version: 1.0.0\npaths:\n  /orders:\n    get:\n      responses:\n        "200":\n          description: ok\n';
const PROTO = 'syntax = "proto3";\npackage inventory;\nservice Inventory {\n  rpc Reserve (Item) returns (Item);\n}\nmessage Item { string sku = 1; }\n';

/** A file with `text` in a new temporary directory. */
function fileWith(name: string, text: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

describe('API definitions from a local copy of the service repository', () => {
  test("an OpenAPI file's text is the API entity's definition, linked to its path in the repository", () => {
    const platform = goldenPathPlatform();
    new NodeApi(platform, 'checkout', { team: 'payments', openApiFile: fileWith('openapi.yaml', OPENAPI) });
    const api = parse(readTree(synthToTemp(platform)).get('catalog/api-checkout.yaml')!);
    expect(api.spec).toMatchObject({ type: 'openapi', definition: OPENAPI });
    expect(api.metadata.links).toEqual([{ url: 'https://github.com/acme/checkout/blob/main/openapi.yaml', title: 'Definition', icon: 'docs' }]);
  });

  test('a proto file is the gRPC API entity\'s definition; the link keeps protoPath', () => {
    const platform = goldenPathPlatform();
    new GrpcService(platform, 'inventory', { team: 'web', protoPath: 'api/inventory.proto', protoFile: fileWith('inventory.proto', PROTO) });
    const api = parse(readTree(synthToTemp(platform)).get('catalog/api-inventory.yaml')!);
    expect(api.spec).toMatchObject({ type: 'grpc', definition: PROTO });
    expect(api.metadata.links[0].url).toBe('https://github.com/acme/inventory/blob/main/api/inventory.proto');
  });

  test('a relative path fails, naming the service, the prop and the value', () => {
    expect(errorOf(() => new NodeApi(goldenPathPlatform(), 'checkout', { team: 'payments', openApiFile: 'openapi.yaml' })))
      .toBe("NodeApi 'checkout': 'openApiFile' must be an absolute path (got \"openapi.yaml\" (string)); write join(__dirname, '<path>') so that synth does not depend on the working directory.");
  });

  test('a missing file fails with how to fix it', () => {
    const missing = join(tempDir(), 'nope.yaml');
    expect(errorOf(() => new NodeApi(goldenPathPlatform(), 'checkout', { team: 'payments', openApiFile: missing })))
      .toBe(`NodeApi 'checkout': 'openApiFile' could not be read (got ${JSON.stringify(missing)} (string)): ENOENT; check out the service's repository there, or leave 'openApiFile' out to link to the definition instead.`);
  });

  test('a file that is not an OpenAPI document fails; an empty proto fails', () => {
    expect(errorOf(() => new NodeApi(goldenPathPlatform(), 'checkout', { team: 'payments', openApiFile: fileWith('x.yaml', 'asyncapi: 2.6.0\n') })))
      .toMatch(/^NodeApi 'checkout': 'openApiFile' is not an openapi document \(got ".*x\.yaml" \(string\)\): it needs a top-level 'openapi' or 'swagger' field\.$/);
    expect(errorOf(() => new GrpcService(goldenPathPlatform(), 'inventory', { team: 'web', protoFile: fileWith('e.proto', '\n') })))
      .toMatch(/^GrpcService 'inventory': 'protoFile' is empty \(got ".*e\.proto" \(string\)\); it must hold the grpc definition\.$/);
  });

  test('a non-string file is a prop error', () => {
    expect(errorOf(() => new NodeApi(goldenPathPlatform(), 'checkout', { team: 'payments', openApiFile: 42 as unknown as string })))
      .toContain("'openApiFile'");
  });
});
