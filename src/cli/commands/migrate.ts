import type { Command } from 'commander';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Run the database migrations (embedded, or the PostgreSQL server in DATABASE_URL)')
    .action(async () => {
      const { sql } = await import('drizzle-orm');
      const { withRuntime } = await import('../runtime');
      await withRuntime(async ({ database }) => {
        const applied = await database.asOwner(async (owner) => {
          const result = await owner.execute<{ n: string }>(sql`select count(*)::text as n from drizzle.__drizzle_migrations`);
          return Number(result.rows[0]!.n);
        });
        process.stdout.write(`Database (${database.kind}) is migrated: ${applied} migrations applied.\n`);
      });
    });
}
