import { type Kysely, sql } from 'kysely';

/** A credential's `tokens_per_minute` (prompt + completion tokens a minute; null = unlimited). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credentials add column tokens_per_minute integer`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credentials drop column tokens_per_minute`.execute(db);
}
