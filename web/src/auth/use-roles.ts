/** The signed-in user's roles (react-admin permissions = the roles of /api/auth/me). */
import { usePermissions } from 'react-admin';

const NONE: string[] = [];

export function useRoles(): string[] {
  const { permissions } = usePermissions<string[]>();
  return Array.isArray(permissions) ? permissions : NONE;
}
