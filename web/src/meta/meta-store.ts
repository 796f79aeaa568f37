/**
 * GET /api/meta, loaded once per session (it needs a session) before the <Resource>s are built.
 * Screens only render after it resolved, so they read it synchronously through the hooks below.
 */
import { useResourceContext } from 'ra-core';
import type { FieldMeta, Meta, ResourceMeta } from '../../../schema/meta';
import { API_URL, httpClient } from '../providers/http-client';
import { takeBootMeta } from '../boot/boot-data';

export type { FieldMeta, Meta, ResourceMeta, I18nLabel, EnumOption } from '../../../schema/meta';

let meta: Meta | undefined;
let byName = new Map<string, ResourceMeta>();
let pending: Promise<Meta> | undefined;

export function loadMeta(): Promise<Meta> {
  if (meta) return Promise.resolve(meta);
  // a signed-in index.html carries it (server/http/web-app.ts)
  const booted = takeBootMeta();
  if (booted) return Promise.resolve(setMeta(booted));
  pending ??= httpClient(`${API_URL}/meta`)
    .then(({ json }) => setMeta(json as Meta))
    .finally(() => {
      pending = undefined;
    });
  return pending;
}

/** Installs a registry (loadMeta's answer; tests pass buildMeta(registry) directly). */
export function setMeta(value: Meta): Meta {
  meta = value;
  byName = new Map(value.resources.map((r) => [r.name, r]));
  return value;
}

export function clearMeta() {
  meta = undefined;
  byName = new Map();
}

export function getMeta(): Meta | undefined {
  return meta;
}

export function findResource(name: string): ResourceMeta | undefined {
  return byName.get(name);
}

export function findField(resource: string, key: string): FieldMeta | undefined {
  return byName.get(resource)?.fields.find((f) => f.key === key);
}

export function useMeta(): Meta {
  if (!meta) throw new Error('useMeta() called before /api/meta was loaded');
  return meta;
}

/** The registry entry of the given resource, or of the resource in context. */
export function useResourceMeta(name?: string): ResourceMeta {
  const contextName = useResourceContext();
  const resourceName = name ?? contextName;
  const found = resourceName ? byName.get(resourceName) : undefined;
  if (!found) throw new Error(`Unknown resource ${resourceName}`);
  return found;
}
