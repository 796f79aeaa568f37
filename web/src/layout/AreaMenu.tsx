/** The side menu, grouped by the registry's areas (往来单位 / 品种与批次 / 销售 / …); `menu: false` resources are left out. */
import { Fragment } from 'react';
import { ListSubheader, Divider } from '@mui/material';
import { Menu, useLocaleState, useSidebarState } from 'react-admin';
import { getMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';

export const AreaMenu = () => {
  const [locale] = useLocaleState();
  const [open] = useSidebarState();
  const meta = getMeta();
  if (!meta) return <Menu />;
  return (
    <Menu>
      {meta.areas.map((area, i) => {
        const resources = meta.resources.filter((r) => r.area === area.key && r.menu);
        if (!resources.length) return null;
        return (
          <Fragment key={area.key}>
            {open ? (
              <ListSubheader disableSticky sx={{ lineHeight: '32px', mt: i ? 1 : 0, bgcolor: 'transparent', fontWeight: 600 }}>
                {pick(area.label, locale)}
              </ListSubheader>
            ) : (
              i > 0 && <Divider />
            )}
            {resources.map((r) => (
              <Menu.ResourceItem key={r.name} name={r.name} />
            ))}
          </Fragment>
        );
      })}
    </Menu>
  );
};
