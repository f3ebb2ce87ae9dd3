import { useEffect, useState } from 'react';
import { api } from './api/client.ts';
import type { paths } from './api/schema.d.ts';

export type Colleague =
  paths['/v1/colleagues']['get']['responses'][200]['content']['application/json']['colleagues'][number];

/** The active users (`GET /v1/colleagues`, open to every reader): names, roles and @handles. */
export function useColleagues(): Colleague[] {
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  useEffect(() => {
    void api.GET('/v1/colleagues').then(({ data }) => setColleagues(data?.colleagues ?? []));
  }, []);
  return colleagues;
}

/** Roles that may hand a conversation or a case to someone else (the API's conversations:assign-others). */
export const canAssignOthers = (role: string) => role === 'supervisor' || role === 'admin';

/**
 * Roles that change conversations and cases (the API's conversations:write and cases:write):
 * everyone but analysts, who read everything and are offered no action that would be refused.
 */
export const canChangeConversations = (role: string) => role !== 'analyst';
