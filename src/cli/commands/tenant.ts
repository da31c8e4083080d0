import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../warn';

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/);

export function registerTenantCommands(program: Command): void {
  const tenant = program.command('tenant').description('Manage tenants (samverkansområden, usually one municipality)');
  tenant
    .command('create')
    .description('Create a tenant with its audit chains')
    .requiredOption('--slug <slug>', 'short identifier: lower-case letters, digits and hyphens, e.g. gavle')
    .requiredOption('--name <name>', 'display name, e.g. "Gävle kommun"')
    .action(async (options: { slug: string; name: string }) => {
      if (!slugSchema.safeParse(options.slug).success) throw new CliError('--slug must be 3-50 lower-case letters, digits or hyphens');
      const name = options.name.trim();
      if (name.length < 2 || name.length > 200) throw new CliError('--name must be 2-200 characters');
      const { withRuntime } = await import('../runtime');
      const { createTenant, findTenantBySlug } = await import('../../server/modules/tenants/create-tenant');
      await withRuntime(async ({ database }) => {
        if (await findTenantBySlug(database.db, options.slug)) throw new CliError(`A tenant with the slug ${options.slug} already exists`);
        const created = await createTenant(database.db, { slug: options.slug, name });
        process.stdout.write(`Tenant created: ${created.name} (${created.slug}), id ${created.id}\n`);
      });
    });
}
