import { readdirSync, readFileSync } from 'fs';
import { join, relative, sep } from 'path';
import * as ts from 'typescript';

/**
 * The public API is documented and library code throws only paved's error types (STYLE.md,
 * "Props, defaults, docs" and "Errors"). Read with the TypeScript compiler, without type checking.
 *
 * - Every public or protected property, getter and setter of an exported class has a doc comment,
 *   and so has every constructor parameter that declares one (its own comment, or an `@param`).
 * - Every property of an exported interface has a doc comment.
 * - Every optional property of an exported `...Props` or `...Options` interface has an `@default`,
 *   and none says `@default undefined`.
 * - Library code throws (or creates, to reject or return) only paved's error types: the classes
 *   pinned in `PAVED_ERRORS`, each declared in library code. An internal invariant that user input
 *   cannot reach throws `PavedInternalError`, so a bug says it is one.
 */

const ROOT = join(__dirname, '..');
const LIBRARY = ['src', 'constructs', 'golden-paths'];
const GENERATED = [join('constructs', 'imports')];

/** paved's error types, by the file that declares each. Adding one is a visible API change. */
const PAVED_ERRORS: Record<string, string> = {
  PavedValidationError: 'src/platform/paved-validation-error.ts',
  PavedInternalError: 'src/platform/paved-internal-error.ts',
  GuardrailViolationError: 'src/policy/guardrail-violation-error.ts',
  UnreadableArtifactError: 'src/policy/unreadable-artifact-error.ts',
  OutputRefusedError: 'src/synth/output-refused-error.ts',
  OutputWriteError: 'src/synth/output-write-error.ts',
  EngineError: 'src/operations/engine.ts',
  CliError: 'src/platform/cli-error.ts',
  AppError: 'src/cli/app-error.ts',
  NeedsGeneralWriter: 'src/engine/yaml-writer.ts',
};

/** Error types of the platform and the language that library code must not throw. */
const BUILT_IN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);

function libraryFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!GENERATED.includes(path)) {
          walk(path);
        }
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  LIBRARY.forEach(walk);
  return files.sort();
}

const sources = libraryFiles().map((file) => ts.createSourceFile(
  file.split(sep).join('/'), readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true));

function where(source: ts.SourceFile, node: ts.Node): string {
  return `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The doc comments (`/** ... *\/`) written right before `node`. */
function docsOf(node: ts.Node): ts.JSDoc[] {
  return ((node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []);
}

function docText(doc: ts.JSDoc): string {
  return (typeof doc.comment === 'string' ? doc.comment : (doc.comment ?? []).map((c) => c.text).join('')).trim();
}

function isDocumented(node: ts.Node): boolean {
  return docsOf(node).some((doc) => docText(doc).length > 0);
}

function defaultTags(node: ts.Node): string[] {
  return docsOf(node).flatMap((doc) => doc.tags ?? [])
    .filter((tag) => tag.tagName.text === 'default')
    .map((tag) => (typeof tag.comment === 'string' ? tag.comment : (tag.comment ?? []).map((c) => c.text).join('')).trim());
}

/** A constructor parameter that declares a public or protected field (`public readonly json: ...`). */
function isParameterProperty(parameter: ts.ParameterDeclaration): boolean {
  return ts.isParameterPropertyDeclaration(parameter, parameter.parent) && !hasModifier(parameter, ts.SyntaxKind.PrivateKeyword);
}

/** Whether the doc comment of `constructor` describes the parameter `name` with an `@param`. */
function paramTag(constructor: ts.ConstructorDeclaration, name: string): boolean {
  return docsOf(constructor).flatMap((doc) => doc.tags ?? []).some((tag) => ts.isJSDocParameterTag(tag)
    && tag.name.getText() === name && (typeof tag.comment === 'string' ? tag.comment : (tag.comment ?? []).map((c) => c.text).join('')).trim() !== '');
}

function memberName(member: ts.ClassElement | ts.TypeElement, source: ts.SourceFile): string {
  return member.name ? member.name.getText(source) : '(unnamed)';
}

interface Problems {
  readonly undocumented: string[];
  readonly noDefault: string[];
  readonly plainThrows: string[];
  readonly errorClasses: Map<string, string>;
}

function survey(): Problems {
  const problems: Problems = { undocumented: [], noDefault: [], plainThrows: [], errorClasses: new Map() };
  for (const source of sources) {
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node) && node.name) {
        const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(source);
        if (base && (BUILT_IN_ERRORS.has(base) || base in PAVED_ERRORS)) {
          problems.errorClasses.set(node.name.text, source.fileName);
        }
        if (isExported(node)) {
          for (const member of node.members) {
            if (ts.isConstructorDeclaration(member)) {
              for (const parameter of member.parameters.filter(isParameterProperty)) {
                if (!isDocumented(parameter) && !paramTag(member, parameter.name.getText(source))) {
                  problems.undocumented.push(`${where(source, parameter)} ${node.name.text}.${parameter.name.getText(source)}`);
                }
              }
            }
            const isField = ts.isPropertyDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member);
            const hidden = hasModifier(member, ts.SyntaxKind.PrivateKeyword) || (member.name !== undefined && ts.isPrivateIdentifier(member.name));
            if (isField && !hidden && !isDocumented(member)) {
              // A setter documented on its getter is documented.
              const getter = ts.isSetAccessor(member)
                && node.members.find((m) => ts.isGetAccessor(m) && memberName(m, source) === memberName(member, source));
              if (!getter || !isDocumented(getter)) {
                problems.undocumented.push(`${where(source, member)} ${node.name.text}.${memberName(member, source)}`);
              }
            }
          }
        }
      }
      if (ts.isInterfaceDeclaration(node) && isExported(node)) {
        const isProps = /(Props|Options)$/.test(node.name.text);
        for (const member of node.members) {
          if (!ts.isPropertySignature(member)) {
            continue;
          }
          const name = `${node.name.text}.${memberName(member, source)}`;
          if (!isDocumented(member)) {
            problems.undocumented.push(`${where(source, member)} ${name}`);
          }
          const defaults = defaultTags(member);
          if (isProps && member.questionToken && defaults.length === 0) {
            problems.noDefault.push(`${where(source, member)} ${name}: no @default`);
          }
          if (defaults.some((d) => d === 'undefined' || d === '')) {
            problems.noDefault.push(`${where(source, member)} ${name}: '@default ${defaults.join(', ')}' says nothing; state the literal or the behaviour ('@default - ...')`);
          }
        }
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && BUILT_IN_ERRORS.has(node.expression.text)) {
        problems.plainThrows.push(`${where(source, node)} new ${node.expression.text}(...)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

const problems = survey();

test('every public field of an exported class and every property of an exported interface has a doc comment', () => {
  expect(problems.undocumented).toEqual([]);
});

test('every optional prop of a ...Props or ...Options interface has a meaningful @default', () => {
  expect(problems.noDefault).toEqual([]);
});

test("library code creates no plain Error: it throws paved's error types (PavedInternalError for a bug)", () => {
  expect(problems.plainThrows).toEqual([]);
});

test("paved's error types are the pinned ones, each declared where the pin says", () => {
  expect(Object.fromEntries([...problems.errorClasses].sort(([a], [b]) => a.localeCompare(b)))).toEqual(
    Object.fromEntries(Object.entries(PAVED_ERRORS).sort(([a], [b]) => a.localeCompare(b))));
});

test('the survey reads the library (so an empty list means something)', () => {
  expect(sources.length).toBeGreaterThan(100);
  expect(sources.some((s) => s.fileName.startsWith('constructs/imports/'))).toBe(false);
  expect(relative(ROOT, join(ROOT, 'src'))).toBe('src');
});
