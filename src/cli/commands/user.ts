import type { Command } from 'commander';
import { z } from 'zod';
import { ROLE_KEYS, roleSchema } from '../../shared/roles';
import { promptSecret } from '../prompt';
import { CliError } from '../warn';

interface UserCreateOptions {
  email: string;
  name: string;
  password?: string;
  tenant?: string;
  organisation?: string;
  role?: string;
  admin?: boolean;
  locale: string;
}

const ADMINISTRATION_ORGANISATION = 'Administration';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description('Create a user account, optionally with a membership (tenant x organisation x role)')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'initial password, 12-256 characters (prefer the prompt: arguments show in process lists)')
    .option('--tenant <slug>', 'tenant for the membership')
    .option('--organisation <id|name>', 'organisation in the tenant, by id or exact name')
    .option('--role <role>', `role of the membership: ${ROLE_KEYS.join(', ')}`)
    .option('--admin', `make the user administrator in --tenant (in the "${ADMINISTRATION_ORGANISATION}" organisation unless --organisation is given)`)
    .option('--locale <locale>', 'user interface language: sv or en', 'sv')
    .action(async (options: UserCreateOptions) => {
      const email = z.email().safeParse(options.email.trim().toLowerCase());
      if (!email.success) throw new CliError('--email is not a valid e-mail address');
      if (options.locale !== 'sv' && options.locale !== 'en') throw new CliError('--locale must be sv or en');
      const role = options.role === undefined ? undefined : roleSchema.safeParse(options.role);
      if (role && !role.success) throw new CliError(`--role must be one of: ${ROLE_KEYS.join(', ')}`);
      if ((role || options.admin || options.organisation) && !options.tenant) throw new CliError('--role, --organisation and --admin need --tenant');
      if (role && !options.organisation) throw new CliError('--role needs --organisation');
      if (options.tenant && !role && !options.admin) throw new CliError('--tenant needs --role or --admin');

      const password = options.password ?? (await promptSecret('Password (12-256 characters, leave empty to set it later): '));
      if (password && (password.length < 12 || password.length > 256)) throw new CliError('The password must be 12-256 characters');

      const { createUserFromCli } = await import('../actions/create-user');
      await createUserFromCli({ ...options, email: email.data, password, role: role?.success ? role.data : undefined });
    });
}
