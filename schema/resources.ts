/** THE registry: every resource of DOMAIN.md, in menu order, as defined in schema/tables/. */
import * as tables from './tables';
import { getResources, type Resource } from './define';

export { tables };
export const registry: ReadonlyMap<string, Resource> = getResources();

export function getResource(name: string): Resource | undefined {
  return registry.get(name);
}
