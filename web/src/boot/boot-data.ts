/**
 * What the server put into a signed-in index.html (server/http/web-app.ts): the session user, the registry
 * and the business time zone, read once as the page starts, so the console asks for none of them before
 * the screen's own data. Dependency-free: part of the initial bundle.
 */
import type { Meta } from '../../../schema/meta';
import type { BootUser } from './session-cache';

export interface BootData {
  user?: BootUser;
  /** absent while the password must be changed first */
  meta?: Meta;
  timeZone?: string;
}

function read(): BootData {
  const el = typeof document === 'undefined' ? null : document.getElementById('gsp-boot');
  if (!el?.textContent) return {};
  try {
    return JSON.parse(el.textContent) as BootData;
  } catch {
    return {};
  }
}

const data = read();

export const bootData = (): BootData => data;

/** The registry from the page, once: after a sign-out and in, /api/meta is asked again. */
export function takeBootMeta(): Meta | undefined {
  const meta = data.meta;
  data.meta = undefined;
  return meta;
}
