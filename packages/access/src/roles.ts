import { type UserRole, userRoles } from '@hub/events';

export { type UserRole, userRoles };

export const permissions = [
  'conversations:read',
  'conversations:write',
  'conversations:assign-others',
  'cases:read',
  'cases:write',
  'canned-responses:manage',
  'presence:set',
  'routing:manage',
  'workload:read',
  'customers:read',
  'customers:merge',
  'customers:erase',
  /** A customer's own data as one JSON document (subject access): admins, like erasure. */
  'customers:export',
  'reports:read',
  'service-levels:read',
  'service-levels:manage',
  'users:manage',
  'tokens:manage',
  'settings:manage',
  'audit:read',
  'orders:read',
  'orders:write',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What each role may do: data, not code, so the README's matrix and the authorisation tests read
 * the same table. Agents answer customers; supervisors also steer the teams (routing, everyone's presence and workload),
 * merge duplicates and read who did what; analysts only read; admins run the hub.
 */
export const rolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  agent: [
    'conversations:read',
    'conversations:write',
    'cases:read',
    'cases:write',
    'presence:set',
    'customers:read',
    'service-levels:read',
  ],
  supervisor: [
    'conversations:read',
    'conversations:write',
    'conversations:assign-others',
    'cases:read',
    'cases:write',
    'canned-responses:manage',
    'presence:set',
    'routing:manage',
    'workload:read',
    'customers:read',
    'customers:merge',
    'reports:read',
    'audit:read',
    'service-levels:read',
    'service-levels:manage',
    'orders:read',
  ],
  analyst: ['conversations:read', 'cases:read', 'customers:read', 'reports:read', 'service-levels:read', 'orders:read'],
  admin: permissions,
};

export const can = (role: UserRole, permission: Permission): boolean => rolePermissions[role].includes(permission);
