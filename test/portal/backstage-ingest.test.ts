import { readFileSync, readdirSync, statSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import { parse } from 'yaml';
import acme from '../../examples/acme/platform';
import { GOLDEN_PATHS } from '../../golden-paths/registry';
import { serviceDeclaration } from '../../golden-paths/service-declaration';
import { BackstageBackend, installBackstage, sleep, startBackstage } from '../backstage/backstage-backend';
import { synthToTemp } from '../util';

/**
 * A real Backstage backend (release 1.45.0: catalog, scaffolder and its GitHub module, the package
 * in test/backstage/) fed the synthesized acme catalog, registered as a file location and as a URL
 * location. The first run installs the harness (`npm ci`, building better-sqlite3 and isolated-vm);
 * where that cannot be done, the tests are skipped, loudly.
 */
const install = installBackstage();
if ('problem' in install) {
  process.stderr.write(`\n*** SKIPPING the real Backstage tests: the harness could not be installed. ${install.problem} ***\n\n`);
} else {
  process.stderr.write(`\n*** Backstage harness in ${install.modules} (install: ${install.seconds} s; 0 means cached) ***\n\n`);
}
const describeWithBackstage = 'modules' in install ? describe : describe.skip;

/** How long processing may take to settle. */
const SETTLE_TIMEOUT_MS = 180_000;
/** How long starting the backend and waiting for processing to settle may take. */
const START_AND_SETTLE_TIMEOUT_MS = 240_000 + SETTLE_TIMEOUT_MS;
/** How long the catalog must stay unchanged to count as settled once every entity is in. */
const QUIET_POLLS = 3;
/** How long an unchanged catalog that still lacks entities is waited for before the assertions report it. */
const STALLED_POLLS = 20;

interface Entity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; etag?: string };
  spec?: any;
  relations?: { type: string; targetRef: string }[];
  status?: { items?: { type: string; level: string; message: string; error?: { message: string } }[] };
}

const refOf = (e: Entity) => `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path).map((f) => join(name, f)) : [name];
  });
}

/** Polls the catalog until it holds every ref of `expected` and stops changing, or stalls. */
async function settledEntities(backend: BackstageBackend, expected: string[]): Promise<Entity[]> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let previous = '';
  let unchanged = 0;
  let entities: Entity[] = [];
  while (Date.now() < deadline) {
    entities = await backend.get('/api/catalog/entities');
    const snapshot = entities.map((e) => `${refOf(e)}@${e.metadata.etag}`).sort().join(',');
    unchanged = snapshot === previous ? unchanged + 1 : 0;
    previous = snapshot;
    const refs = new Set(entities.map(refOf));
    const complete = expected.every((r) => refs.has(r));
    if ((complete && unchanged >= QUIET_POLLS) || unchanged >= STALLED_POLLS) {
      return entities;
    }
    await sleep(1000);
  }
  return entities;
}

describeWithBackstage('a real Backstage backend ingests the acme catalog', () => {
  const catalogDir = join(synthToTemp(acme), 'catalog');
  const entityFiles = readdirSync(catalogDir).filter((f) => f.endsWith('.yaml')).sort();
  const written: Entity[] = entityFiles.map((f) => parse(readFileSync(join(catalogDir, f), 'utf8')));
  const expected = written.map(refOf).sort();
  const locationFile = entityFiles.find((f) => f.startsWith('location-'))!;
  const templates = written.filter((e) => e.kind === 'Template');

  describe.each(['file', 'url'])('registered as a %s location', (type) => {
    let backend: BackstageBackend;
    let server: Server | undefined;
    let entities: Entity[];

    beforeAll(async () => {
      const started = Date.now();
      let target = join(catalogDir, locationFile);
      let reading: object[] = [];
      if (type === 'url') {
        // A static server for the catalog directory, the only host the backend may read.
        server = createServer((request, response) => {
          try {
            response.end(readFileSync(join(catalogDir, decodeURIComponent(new URL(request.url!, 'http://x').pathname))));
          } catch {
            response.writeHead(404).end();
          }
        });
        await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
        const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
        target = `http://${host}/${locationFile}`;
        reading = [{ host }];
      }
      backend = await startBackstage((install as { modules: string }).modules, {
        backend: { reading: { allow: reading } },
        catalog: { locations: [{ type, target }] },
      });
      entities = await settledEntities(backend, expected);
      process.stderr.write(`*** Backstage (${type} location): started and settled in ${Math.round((Date.now() - started) / 1000)} s ***\n`);
    }, START_AND_SETTLE_TIMEOUT_MS);

    afterAll(async () => {
      await backend?.stop();
      server?.close();
    });

    test(`ingests every one of the ${expected.length} entities of the output`, () => {
      const ingested = entities.map(refOf).filter((r) => !r.startsWith('location:default/generated-'));
      expect(ingested.sort()).toEqual(expected);
    });

    test('reports no processing error on any entity', () => {
      const errors = entities.flatMap((e) => (e.status?.items ?? []).filter((i) => i.level === 'error').map((i) => `${refOf(e)}: ${i.error?.message ?? i.message}`));
      expect(errors).toEqual([]);
    });

    test("keeps each API's definition as written: checkout's copied OpenAPI document, inventory's stand-in", () => {
      const definitions = (list: Entity[]) => list.filter((e) => e.kind === 'API').map((e) => [e.metadata.name, e.spec!.definition]).sort();
      expect(definitions(entities)).toEqual(definitions(written));
      expect(definitions(entities).find(([name]) => name === 'checkout')![1]).toContain('operationId: placeOrder');
    });

    test('leaves no relation dangling', () => {
      const refs = new Set(entities.map(refOf));
      const dangling = entities.flatMap((e) => (e.relations ?? []).filter((r) => !refs.has(r.targetRef)).map((r) => `${refOf(e)} ${r.type} ${r.targetRef}`));
      expect(dangling).toEqual([]);
    });

    test('relates components to what they depend on, the APIs they consume and provide, and their resources', () => {
      const counts = new Map<string, number>();
      entities.flatMap((e) => e.relations ?? []).forEach((r) => counts.set(r.type, (counts.get(r.type) ?? 0) + 1));
      const summary = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([relation, count]) => `${relation} ${count}`).join(', ');
      process.stderr.write(`*** Backstage (${type} location): ${[...counts.values()].reduce((a, b) => a + b, 0)} relations: ${summary} ***\n`);
      for (const relation of ['dependsOn', 'dependencyOf', 'consumesApi', 'apiConsumedBy', 'providesApi', 'apiProvidedBy', 'ownedBy', 'partOf']) {
        expect({ relation, present: (counts.get(relation) ?? 0) > 0 }).toEqual({ relation, present: true });
      }
    });

    if (type === 'file') {
      test.each(templates.map((t) => [t.metadata.name, t] as const))('dry-runs the %s template: its skeleton renders the service declaration', async (_name, template) => {
        // What the template editor sends: the template and the files of its directory.
        const directoryContents = filesUnder(catalogDir).map((path) => ({ path, base64Content: readFileSync(join(catalogDir, path)).toString('base64') }));
        const run = await backend.post('/api/scaffolder/v2/dry-run', {
          template,
          values: { name: 'hello', owner: 'group:payments', description: 'A dry run.' },
          directoryContents,
        });
        expect({ status: run.status, error: run.body.error?.message }).toEqual({ status: 200, error: undefined });
        const rendered: { path: string; base64Content: string }[] = run.body.directoryContents;
        expect(rendered.map((f) => f.path)).toEqual(['services/hello.ts']);
        // The declaration `paved new` writes in a project that depends on paved, but for what wrote it.
        const declaration = serviceDeclaration(GOLDEN_PATHS.tryGet(template.metadata.name)!, { name: 'hello', team: 'payments', main: 'paved', goldenPaths: 'paved/golden-paths', writtenBy: 'the Backstage Template' });
        expect(Buffer.from(rendered[0].base64Content, 'base64').toString('utf8')).toBe(declaration);
        expect(run.body.steps.map((s: { action: string }) => s.action)).toEqual(['fetch:template', 'publish:github:pull-request']);
      }, 60_000);
    }
  });
});
