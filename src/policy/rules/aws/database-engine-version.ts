import { TerraformRule } from '../../rule';

/** Oldest PostgreSQL major version the platform supports. */
export const MIN_POSTGRES_MAJOR_VERSION = 16;

export const databaseEngineVersion: TerraformRule = {
  id: 'PAVED-AWS-RDS-003',
  pack: 'aws',
  level: 'error',
  target: 'terraform',
  resourceTypes: ['aws_db_instance'],
  title: `PostgreSQL databases run a supported major version (${MIN_POSTGRES_MAJOR_VERSION} or newer).`,
  rationale: 'Old majors leave standard support, cost extra and miss security fixes.',
  fix: `Use the PostgresDatabase construct's default version, or set engine_version to ${MIN_POSTGRES_MAJOR_VERSION} or newer.`,
  check: (db) => {
    if (db.config.engine !== 'postgres') {
      return undefined;
    }
    const major = Number.parseInt(String(db.config.engine_version ?? ''), 10);
    return major >= MIN_POSTGRES_MAJOR_VERSION ? undefined : `engine_version is ${JSON.stringify(db.config.engine_version ?? 'not set')}`;
  },
};
