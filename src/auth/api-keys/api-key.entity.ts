import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One API key: only the SHA-256 of the secret is kept, so the table never holds a usable key. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64, unique: true })
  keyHash: string;

  /** Comma-separated roles, e.g. `read,write`. */
  @Column({ type: 'varchar', length: 100 })
  roles: string;

  /** ISO-8601 times. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;
}
