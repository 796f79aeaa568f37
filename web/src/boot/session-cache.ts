/**
 * The signed-in user as the boot shell learnt it (GET /api/auth/me or the sign-in answer), handed to the
 * auth provider so the console does not ask again. Dependency-free: part of the initial bundle.
 */
export interface BootUser {
  id: number;
  username: string;
  display_name: string;
  roles: string[];
  /** the server's business date (GSP_TODAY in demos), when the server sends it */
  today?: string;
  /** the password must be changed before anything else (boot/ForcedPasswordChange.tsx) */
  must_change_password?: boolean;
}

let primed: BootUser | undefined;

export const primeSession = (user: BootUser) => {
  primed = user;
};

/** The primed user, once: later checks go to the server. */
export const takePrimedSession = (): BootUser | undefined => {
  const user = primed;
  primed = undefined;
  return user;
};
