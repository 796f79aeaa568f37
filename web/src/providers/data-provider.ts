/**
 * The unmodified ra-data-simple-rest client over our HTTP client, with two additions the API needs:
 * writes send only writable fields (+ version), updateMany uses the bulk-edit route, and delete VOIDS: it
 * carries the mandatory reason.
 */
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'ra-core';
import { API_URL, httpClient } from './http-client';
import { toPayload } from '../generic/payload';

const base = simpleRestProvider(API_URL, httpClient);

export const dataProvider: DataProvider = {
  ...base,
  // The mark tells the web bench (bench/web.ts) when a screen asked for its list: its answer may be there already.
  getList: (resource, params) => {
    performance.mark(`gsp:getList:${resource}`);
    return base.getList(resource, params);
  },
  create: (resource, params) => base.create(resource, { ...params, data: toPayload(resource, params.data, 'create') }),
  update: (resource, params) => base.update(resource, { ...params, data: toPayload(resource, params.data, 'update') }),
  // One request to the API's bulk-edit route (the single-record PUT requires the version read: 428 without).
  updateMany: async (resource, params) => {
    const data = toPayload(resource, params.data, 'update');
    const { json } = await httpClient(`${API_URL}/${resource}/bulk`, { method: 'PUT', body: JSON.stringify({ ids: params.ids, data }) });
    return { data: json };
  },
  delete: async (resource, params) => {
    const reason = params.meta?.reason;
    if (typeof reason !== 'string' || !reason.trim()) return base.delete(resource, params);
    const url = `${API_URL}/${resource}/${encodeURIComponent(params.id)}?reason=${encodeURIComponent(reason.trim())}`;
    const { json } = await httpClient(url, { method: 'DELETE' });
    return { data: json };
  },
};
