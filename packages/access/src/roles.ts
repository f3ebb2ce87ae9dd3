import { type UserRole, userRoles } from '@hub/events';

export { type UserRole, userRoles };

export const permissions = [
  'conversations:read',
  'conversations:write',
  'conversations:assign-others',
  'customers:read',
  'customers:merge',
  'customers:erase',
  'reports:read',
  'service-levels:read',
  'service-levels:manage',
  'users:manage',
  'tokens:manage',
  'settings:manage',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What each role may do: data, not code, so the README's matrix and the authorisation tests read
 * the same table. Agents answer customers; supervisors also steer the team and merge duplicates;
 * analysts only read; admins run the hub.
 */
export const rolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  agent: ['conversations:read', 'conversations:write', 'customers:read', 'service-levels:read'],
  supervisor: [
    'conversations:read',
    'conversations:write',
    'conversations:assign-others',
    'customers:read',
    'customers:merge',
    'reports:read',
    'service-levels:read',
    'service-levels:manage',
  ],
  analyst: ['conversations:read', 'customers:read', 'reports:read', 'service-levels:read'],
  admin: permissions,
};

export const can = (role: UserRole, permission: Permission): boolean => rolePermissions[role].includes(permission);
