import type { Lang } from '../schema/messages';
import type { Clock } from './clock';
import type { Db } from './db';
import type { Actor } from './services/context';

export interface AppDeps {
  db: Db;
  clock: Clock;
}

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    lang: Lang;
    user: Actor | undefined;
  };
}
