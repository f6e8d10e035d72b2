import type { GoldenPath } from './golden-path';

/** What a service declaration is written for. */
export interface ServiceDeclarationContext {
  /** The service's name, or the template expression that renders it. */
  readonly name: string;
  /** The owning team's name, or the template expression that renders it. */
  readonly team: string;
  /** The module the declaration imports `Platform` from: `paved`. */
  readonly main: string;
  /** The module the declaration imports the golden path's class from, unless the golden path names its own `module`: `paved/golden-paths`. */
  readonly goldenPaths: string;
  /** What wrote the declaration, as its doc comment says: `` `paved new` ``. */
  readonly writtenBy: string;
}

/**
 * The service declaration of a golden path, as the platform repository keeps it in
 * `services/<name>.ts` (which `declareServices` loads): a function that declares the service on
 * the platform. `paved new` writes it, and the catalog's Template renders it.
 */
export function serviceDeclaration(goldenPath: GoldenPath, context: ServiceDeclarationContext): string {
  const { className, title } = goldenPath;
  return `import type { Platform } from '${context.main}';
import { ${className} } from '${goldenPath.module ?? context.goldenPaths}';

/** ${context.name}: a ${title} of team ${context.team}. Written by ${context.writtenBy}; edit freely. */
export default function declare(platform: Platform): ${className} {
  return new ${className}(platform, '${context.name}', { team: '${context.team}' });
}
`;
}

/**
 * The skeleton the catalog's Template of `goldenPath` renders: the service declaration as
 * `${{ values.name }}.ts`, for the name and owning team the Template asks for, importing paved by
 * its package name (the platform repository depends on paved).
 */
export function templateDeclarationSkeleton(goldenPath: GoldenPath): Readonly<Record<string, string>> {
  const name = '${{ values.name }}';
  return {
    [`${name}.ts`]: serviceDeclaration(goldenPath, {
      name,
      team: '${{ values.owner | parseEntityRef | pick("name") }}',
      main: 'paved',
      goldenPaths: 'paved/golden-paths',
      writtenBy: 'the Backstage Template',
    }),
  };
}
