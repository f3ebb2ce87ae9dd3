import { z } from 'zod';
import { Actor } from './values.ts';

export const userRoles = ['agent', 'supervisor', 'analyst', 'admin'] as const;
export const UserRole = z.enum(userRoles);
export type UserRole = z.infer<typeof UserRole>;

export const UserId = z.string().uuid();

/** A person may sign in to the hub. The email is case-folded; no password is ever in an event. */
export const UserCreated = z.object({
  userId: UserId,
  email: z.string().min(3).max(320),
  displayName: z.string().min(1).max(200),
  role: UserRole,
  actor: Actor,
});

export const UserRoleChanged = z.object({
  userId: UserId,
  from: UserRole,
  to: UserRole,
  actor: Actor,
});

export const UserDeactivated = z.object({ userId: UserId, actor: Actor });

export const UserReactivated = z.object({ userId: UserId, actor: Actor });

/** The password was set: by its owner, reset by an admin, or at first start. The hash stays in SQL. */
export const UserPasswordChanged = z.object({
  userId: UserId,
  by: z.enum(['self', 'admin', 'first-start']),
  actor: Actor,
});
