/** One <Resource> per registry entry, in menu (area) order, with generic screens unless overridden (loaded lazily). */
import { Resource } from 'react-admin';
import type { Meta } from '../meta/meta-store';
import { displayOf } from '../meta/labels';
import { AREA_ICONS } from '../layout/area-icons';
import { LazyScreen } from './lazy-screens';

export function resourceElements(meta: Meta) {
  const areaOrder = meta.areas.map((a) => a.key as string);
  const ordered = [...meta.resources].sort((a, b) => areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area));
  return ordered.map((r) => {
    return (
      <Resource
        key={r.name}
        name={r.name}
        icon={AREA_ICONS[r.area]}
        recordRepresentation={(record) => displayOf(r, record)}
        list={<LazyScreen kind="list" />}
        show={<LazyScreen kind="show" />}
        edit={r.readOnly ? undefined : <LazyScreen kind="edit" />}
        create={r.readOnly ? undefined : <LazyScreen kind="create" />}
      />
    );
  });
}
