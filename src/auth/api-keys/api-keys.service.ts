import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Caller } from '../caller';
import { Role, rolesFrom } from '../roles';
import { ApiKey } from './api-key.entity';
import { hashApiKey, looksLikeApiKey, newApiKeySecret } from './api-key-secret';

export const API_KEY_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

export class ApiKeyNameTakenError extends Error {}
export class ApiKeyNotFoundError extends Error {}

export interface ApiKeySummary {
  name: string;
  roles: Role[];
  createdAt: string;
  revokedAt: string | null;
}

/** Creates, lists, revokes and checks API keys (table `api_keys`, shared by every instance). */
@Injectable()
export class ApiKeys {
  private readonly keys: Repository<ApiKey>;
  // Checked on every request: plain SQL, without the repository's query building.
  private readonly lookup: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKey);
    const parameter = dataSource.options.type === 'postgres' ? '$1' : '?';
    this.lookup = `SELECT name, roles FROM api_keys WHERE key_hash = ${parameter} AND revoked_at IS NULL`;
  }

  /** Stores a new key and returns its secret: the only time it is ever shown. */
  async create(name: string, roles: Role[]): Promise<string> {
    if (!API_KEY_NAME.test(name)) throw new Error('A key name is 1 to 64 letters, digits, dots, dashes or underscores');
    if (roles.length === 0) throw new Error('A key needs at least one role: read, write or admin');
    if (await this.keys.existsBy({ name })) throw new ApiKeyNameTakenError(`A key named '${name}' exists already (revoked keys keep their name)`);
    const secret = newApiKeySecret();
    await this.keys.insert({ name, keyHash: hashApiKey(secret), roles: roles.join(','), createdAt: new Date().toISOString(), revokedAt: null });
    return secret;
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.keys.find({ order: { createdAt: 'ASC' } });
    return rows.map(({ name, roles, createdAt, revokedAt }) => ({ name, roles: [...rolesFrom(roles.split(','))], createdAt, revokedAt }));
  }

  async revoke(name: string): Promise<void> {
    const result = await this.keys.update({ name, revokedAt: IsNull() }, { revokedAt: new Date().toISOString() });
    if (!result.affected && !(await this.keys.existsBy({ name }))) throw new ApiKeyNotFoundError(`No key is named '${name}'`);
  }

  /** The caller a key identifies, or null for an unknown or revoked key. Read on every request, so a revocation is immediate. */
  async authenticate(secret: string): Promise<Caller | null> {
    if (!looksLikeApiKey(secret)) return null;
    const [key] = (await this.dataSource.query(this.lookup, [hashApiKey(secret)])) as Pick<ApiKey, 'name' | 'roles'>[];
    if (!key) return null;
    return { actor: { type: 'api-key', id: key.name }, roles: rolesFrom(key.roles.split(',')) };
  }
}
