/** THE registry: every resource of DOMAIN.md, in menu order, as defined in schema/tables/. */
import './tables'; // each table module declares its resources (defineResource) as it loads
import { getResources, type Resource } from './define';

export const registry: ReadonlyMap<string, Resource> = getResources();

export function getResource(name: string): Resource | undefined {
  return registry.get(name);
}
