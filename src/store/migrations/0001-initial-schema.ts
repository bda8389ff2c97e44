import { type Kysely, sql } from 'kysely';

/**
 * Providers, credentials, model aliases, the config version and the audit log (docs/storage.md). One
 * statement per `sql` call: PGlite runs a parameterised query as a single statement. `created_at` is
 * clock_timestamp(), not now(): rows written in one transaction (an import) keep the order they were written in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table providers (
      id text primary key,
      provider_type text not null,
      api_base text,
      api_key text,
      model_mapping jsonb,
      weight double precision not null default 1,
      priority integer not null default 1,
      is_enabled boolean not null default true,
      settings jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default clock_timestamp(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table credentials (
      id text primary key,
      name text not null unique,
      key_hash text not null unique,
      key_prefix text not null default '',
      allowed_models jsonb not null default '["*"]'::jsonb,
      rate_limit jsonb,
      is_enabled boolean not null default true,
      created_at timestamptz not null default clock_timestamp(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table model_aliases (
      name text primary key,
      routes jsonb not null,
      created_at timestamptz not null default clock_timestamp(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table config_version (
      id integer primary key check (id = 1),
      version integer not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into config_version (id, version) values (1, 0)`.execute(db);
  await sql`
    create table audit_log (
      id integer generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      action text not null,
      entity text not null,
      entity_id text not null,
      summary jsonb not null,
      version integer not null
    )`.execute(db);
  await sql`create index audit_log_at on audit_log (at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'config_version', 'model_aliases', 'credentials', 'providers']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
