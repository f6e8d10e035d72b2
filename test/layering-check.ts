import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import * as ts from 'typescript';

/**
 * The layers of paved, lowest first, each with the layers it may import besides itself (type
 * imports count). A module may import only from its own layer or a lower one.
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  'src/util': [],
  'src/platform': ['src/util'],
  'src/engine': ['src/util', 'src/platform'],
  'constructs': ['src/util', 'src/platform', 'src/engine'],
  'golden-paths': ['src/util', 'src/platform', 'src/engine', 'constructs'],
  'src/policy': ['src/util', 'src/platform'],
  'src/portal': ['src/util', 'src/platform', 'src/policy'],
  'src/synth': ['src/util', 'src/platform', 'src/engine', 'src/policy', 'src/portal'],
  'src/operations': ['src/util', 'src/platform', 'src/engine', 'constructs', 'golden-paths', 'src/policy', 'src/portal', 'src/synth'],
  'src/cli': ['src/util', 'src/platform', 'src/engine', 'constructs', 'golden-paths', 'src/policy', 'src/portal', 'src/synth', 'src/operations'],
  // `src/index.ts` only re-exports, and so sits above everything.
  'src/index.ts': ['src/util', 'src/platform', 'src/engine', 'constructs', 'golden-paths', 'src/policy', 'src/portal', 'src/synth', 'src/operations', 'src/cli'],
};

/** The folders scanned. */
export const SCANNED_ROOTS: readonly string[] = ['src', 'constructs', 'golden-paths'];

/** The layer allowed to import cdktf's and cdk8s's internals (`cdktf/lib/*`, `cdk8s/lib/*`). */
export const ENGINE_LAYER = 'src/engine';

/** What the package's own name resolves to, for a module that imports paved by name. */
const PACKAGE_ENTRIES: Readonly<Record<string, string>> = {
  'paved': 'src/index.ts',
  'paved/constructs': 'constructs/index.ts',
  'paved/golden-paths': 'golden-paths/index.ts',
};

/** One module reference found in a source file. */
export interface ImportReference {
  /** The file, relative to the root, with `/` separators. */
  readonly file: string;
  /** 1-based line of the reference. */
  readonly line: number;
  /** The module specifier as written. */
  readonly specifier: string;
  /** Whether only types are imported (`import type`, `export type`, `import('x').T` in a type). */
  readonly typeOnly: boolean;
}

/** The layer of `file` (relative to the root, `/` separators), or undefined when it is in none. */
export function layerOf(file: string): string | undefined {
  if (file === 'src/index.ts') {
    return 'src/index.ts';
  }
  const parts = file.split('/');
  if (parts[0] === 'src') {
    return parts.length > 2 && `src/${parts[1]}` in LAYERS ? `src/${parts[1]}` : undefined;
  }
  return parts[0] in LAYERS ? parts[0] : undefined;
}

/**
 * Every module reference of a TypeScript source: `import` (also `import type` and side-effect
 * imports), `export ... from`, `import x = require()`, `require()`, dynamic `import()` and
 * `import('x')` types. References whose specifier is not a string literal cannot be checked and
 * are not listed.
 */
export function importsOf(file: string, text: string): ImportReference[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ImportReference[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ file, line, specifier: specifier.text, typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings
        && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0
        && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isRequireResolve = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
        && callee.expression.text === 'require' && callee.name.text === 'resolve';
      if (isImport || isRequire || isRequireResolve) {
        add(node, node.arguments[0], false);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The file (relative to the root) that `specifier` in `file` refers to, when it is paved's own
 * (a relative path or the package's name); undefined for another package.
 */
export function targetOf(root: string, file: string, specifier: string): string | undefined {
  if (specifier in PACKAGE_ENTRIES) {
    return PACKAGE_ENTRIES[specifier];
  }
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = resolve(root, dirname(file), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base.replace(/\.js$/, '.ts');
  return relative(root, hit).split(sep).join('/');
}

/** The TypeScript sources under the scanned roots of `root` (declaration files excluded). */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') {
          walk(path);
        }
      } else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) {
        out.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  SCANNED_ROOTS.filter((r) => existsSync(join(root, r))).forEach((r) => walk(join(root, r)));
  return out.sort();
}

/**
 * Every import in the sources under `root` that breaks the layering, as
 * `file:line imports X (layer A may not import layer B)`: an import of a higher layer (or of a
 * file in no layer), a deep import of cdktf/cdk8s internals outside the engine, and a cycle of
 * imports inside one folder that is not made of type-only imports alone.
 */
export function layeringViolations(root: string): string[] {
  const violations: string[] = [];
  const valueEdges = new Map<string, { to: string; reference: ImportReference }[]>();
  for (const file of sourceFiles(root)) {
    const layer = layerOf(file);
    if (!layer) {
      violations.push(`${file}:1 is in no layer (the layers are ${Object.keys(LAYERS).join(', ')}); put it in one, or add its folder to LAYERS in test/layering-check.ts.`);
      continue;
    }
    for (const reference of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const where = `${file}:${reference.line} imports ${reference.specifier}`;
      if (/^(cdktf|cdk8s)\/lib(\/|$)/.test(reference.specifier) && layer !== ENGINE_LAYER) {
        violations.push(`${where} (only ${ENGINE_LAYER} may import cdktf/lib or cdk8s/lib; move the code that needs it into ${ENGINE_LAYER})`);
      }
      const target = targetOf(root, file, reference.specifier);
      if (target === undefined) {
        continue;
      }
      const targetLayer = layerOf(target);
      if (targetLayer !== layer && !(targetLayer && LAYERS[layer].includes(targetLayer))) {
        violations.push(`${where} (layer ${layer} may not import layer ${targetLayer ?? `outside the layers (${target})`})`);
      }
      if (targetLayer === layer && !reference.typeOnly) {
        const edges = valueEdges.get(file) ?? [];
        edges.push({ to: target, reference });
        valueEdges.set(file, edges);
      }
    }
  }
  violations.push(...folderCycles(valueEdges));
  return violations;
}

/**
 * Cycles of imports inside one folder with at least one import that is not type-only: such a
 * cycle decides what is undefined while modules load. Found through the value imports alone,
 * then reported once per cycle.
 */
function folderCycles(valueEdges: ReadonlyMap<string, readonly { to: string; reference: ImportReference }[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: { file: string; reference?: ImportReference }[] = [];
  const visit = (file: string, via?: ImportReference) => {
    state.set(file, 'active');
    stack.push({ file, reference: via });
    for (const { to, reference } of valueEdges.get(file) ?? []) {
      if (dirname(to) !== dirname(file)) {
        continue;
      }
      if (state.get(to) === 'active') {
        const cycle = [...stack.slice(stack.findIndex((s) => s.file === to) + 1).map((s) => s.reference!), reference];
        found.push(`${reference.file}:${reference.line} imports ${reference.specifier} (a cycle of imports in ${dirname(file)} that are not all type-only: `
          + `${cycle.map((r) => `${r.file}:${r.line}`).join(' -> ')}; use 'import type' where only types cross, or move what both need into a third file)`);
      } else if (!state.has(to)) {
        visit(to, reference);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  [...valueEdges.keys()].sort().forEach((file) => state.has(file) || visit(file));
  return found;
}
