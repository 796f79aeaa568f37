/**
 * The side menu: the 质量审核 (QA) group (dashboard and review lists) first, then the registry's areas
 * (往来单位 / 品种与批次 / 销售 / …); `menu: false` resources are left out. Every entry follows canAccess
 * (the permission matrix): a role sees only what it may open, and an area with nothing to open is not shown.
 */
import type { ReactNode } from 'react';
import { ListSubheader, Divider } from '@mui/material';
import LinkIcon from '@mui/icons-material/Link';
import { Menu, useLocaleState, useSidebarState, useTranslate } from 'react-admin';
import { getMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { canAccessFor } from '../auth/access';
import { useRoles } from '../auth/use-roles';
import { QA_PAGES } from '../qa/qa-pages';
import { WORKFLOW_PAGES } from '../workflows';
import { IMPORT_MENU_REPLACES, importMenuItems } from '../imports/menu';

/** Resources shown in another group than their registry area. */
const MOVED = new Set(['findings', ...IMPORT_MENU_REPLACES]);

/** A group's heading (or a divider when the sidebar is folded), as a direct child of the MenuList. */
const heading = (key: string, label: string, first: boolean, open: boolean) =>
  open ? (
    <ListSubheader key={`h-${key}`} disableSticky sx={{ lineHeight: '32px', mt: first ? 0 : 1, bgcolor: 'transparent', fontWeight: 600 }}>
      {label}
    </ListSubheader>
  ) : first ? null : (
    <Divider key={`h-${key}`} />
  );

export const AreaMenu = () => {
  const [locale] = useLocaleState();
  const [open] = useSidebarState();
  const translate = useTranslate();
  const roles = useRoles();
  const meta = getMeta();
  if (!meta) return <Menu />;
  const allowed = (resource: string) => canAccessFor(roles, { resource, action: 'list' });
  // MenuList children must be elements, not fragments: the groups are flattened into one list.
  const items: ReactNode[] = [];
  const qaPages = QA_PAGES.filter((p) => allowed(p.key));
  if (qaPages.length) {
    items.push(heading('qa', translate('gsp.menu.qa'), true, open));
    for (const { key, path, label, icon: Icon } of qaPages) {
      items.push(
        key === 'dashboard' ? (
          <Menu.DashboardItem key={key} primaryText={translate(label)} leftIcon={<Icon />} />
        ) : (
          <Menu.Item key={key} to={path} primaryText={translate(label)} leftIcon={<Icon />} data-testid={`menu-${key}`} />
        ),
      );
    }
  }
  for (const area of meta.areas) {
    const resources = meta.resources.filter((r) => r.area === area.key && r.menu && !MOVED.has(r.name) && allowed(r.name));
    const extra = area.key === 'system' && allowed('audit-verify');
    const imports = area.key === 'system' ? importMenuItems(meta, roles, translate) : [];
    const pages = WORKFLOW_PAGES.filter((p) => p.area === area.key && allowed(p.key));
    if (!resources.length && !extra && !imports.length && !pages.length) continue;
    items.push(heading(area.key, pick(area.label, locale), items.length === 0, open));
    items.push(...imports);
    for (const r of resources) items.push(<Menu.ResourceItem key={r.name} name={r.name} />);
    for (const { key, path, label, icon: Icon } of pages) {
      items.push(<Menu.Item key={key} to={path} primaryText={pick(label, locale)} leftIcon={<Icon />} data-testid={`menu-${key}`} />);
    }
    if (extra) items.push(<Menu.Item key="audit-verify" to="/audit-verify" primaryText={translate('gsp.audit_verify.title')} leftIcon={<LinkIcon />} />);
  }
  return <Menu>{items}</Menu>;
};
