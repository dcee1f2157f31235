import { Logger } from '@nestjs/common';
import { Command, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { ApiKey } from '../auth/api-keys/api-key.entity';
import { ApiKeys } from '../auth/api-keys/api-keys.service';
import { isRole, Role } from '../auth/roles';
import { validateEnvironment } from '../config/environment';
import { initializeDataSource } from '../event-sourcing';
import { typeOrmOptions } from '../database/typeorm-options';

/**
 * `npm run keys -- create --name <name> --roles read,write`, `keys list`, `keys revoke <name>`:
 * API keys in the database named by DATABASE_URL (every instance sharing it sees them at once).
 * Only the database is opened (migrations included), not the service, so it runs beside it.
 */
async function withKeys<T>(work: (keys: ApiKeys) => Promise<T>): Promise<T> {
  const env = validateEnvironment(process.env);
  // stdout carries the key alone (scripts read it): only warnings and errors, on stderr.
  Logger.overrideLogger(['error', 'warn']);
  const dataSource: DataSource = await initializeDataSource({ ...typeOrmOptions(env), entities: [ApiKey] });
  try {
    return await work(new ApiKeys(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

function parseRoles(value: string): Role[] {
  const roles = value.split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0 || roles.length === 0) throw new InvalidArgumentError(`roles are read, write and admin; got '${value}'`);
  return [...new Set(roles as Role[])];
}

const program = new Command('keys').description('Manage the API keys services send as X-Api-Key');

program
  .command('create')
  .description('create a key and print it (the only time it is shown; only its hash is stored)')
  .requiredOption('--name <name>', 'who the key is for; recorded as the actor id of what it does')
  .requiredOption('--roles <roles>', 'comma-separated: read, write, admin (admin implies write, write implies read)', parseRoles)
  .action((options: { name: string; roles: Role[] }) =>
    withKeys(async (keys) => {
      const secret = await keys.create(options.name, options.roles);
      console.error(`Created API key '${options.name}' (roles: ${options.roles.join(', ')}). Store it now; it cannot be shown again:`);
      console.log(secret);
    }),
  );

program
  .command('list')
  .description('every key: name, roles, created, revoked (never the key itself)')
  .action(() =>
    withKeys(async (keys) => {
      const rows = await keys.list();
      if (rows.length === 0) console.log('No API keys.');
      for (const key of rows) console.log(`${key.name}\t${key.roles.join(',')}\tcreated ${key.createdAt}\t${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}`);
    }),
  );

program
  .command('revoke')
  .description('revoke a key at once, on every instance')
  .argument('<name>', 'the key to revoke')
  .action((name: string) =>
    withKeys(async (keys) => {
      await keys.revoke(name);
      console.log(`Revoked API key '${name}'.`);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
