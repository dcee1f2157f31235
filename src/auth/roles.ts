export const ROLES = ['read', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// admin implies write and read; write implies read.
const RANK: Record<Role, number> = { read: 1, write: 2, admin: 3 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether someone holding `held` may do what needs `needed`. */
export function grants(held: Iterable<Role>, needed: Role): boolean {
  for (const role of held) if (RANK[role] >= RANK[needed]) return true;
  return false;
}

/** The known roles in a list (unknown names are ignored: an issuer may use roles of other services). */
export function rolesFrom(values: unknown): Set<Role> {
  return new Set(Array.isArray(values) ? values.filter(isRole) : []);
}
