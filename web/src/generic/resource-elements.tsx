/** One <Resource> per registry entry, in menu (area) order, with generic screens unless overridden. */
import { Resource } from 'react-admin';
import type { Meta } from '../meta/meta-store';
import { displayOf } from '../meta/labels';
import { AREA_ICONS } from '../layout/area-icons';
import { OVERRIDES } from '../resources/overrides';
import { GenericList } from './GenericList';
import { GenericShow } from './GenericShow';
import { GenericCreate, GenericEdit } from './GenericEditCreate';

export function resourceElements(meta: Meta) {
  const areaOrder = meta.areas.map((a) => a.key as string);
  const ordered = [...meta.resources].sort((a, b) => areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area));
  return ordered.map((r) => {
    const custom = OVERRIDES[r.name] ?? {};
    return (
      <Resource
        key={r.name}
        name={r.name}
        icon={AREA_ICONS[r.area]}
        recordRepresentation={(record) => displayOf(r, record)}
        list={custom.list ?? <GenericList />}
        show={custom.show ?? <GenericShow />}
        edit={r.readOnly ? undefined : (custom.edit ?? <GenericEdit />)}
        create={r.readOnly ? undefined : (custom.create ?? <GenericCreate />)}
      />
    );
  });
}
