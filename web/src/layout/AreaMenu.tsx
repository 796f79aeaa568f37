/**
 * The side menu, in collapsible groups: first the user's daily screens (常用, daily-screens.ts), then the
 * 质量审核 (QA) group (dashboard and review lists), then the registry's areas (往来单位 / 品种与批次 / 销售 / …);
 * `menu: false` resources are left out. Every entry follows canAccess (the permission matrix): a role sees
 * only what it may open, and a group with nothing to open is not shown. The daily group and the group of
 * the current page start open, the others folded (the whole menu fits 900 px); the choice is remembered.
 * A folded group's entries exist in the page once it has been unfolded.
 */
import type { ReactNode } from 'react';
import { Collapse, Divider, List, ListItemButton, ListItemText } from '@mui/material';
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import LinkIcon from '@mui/icons-material/Link';
import { useLocation } from 'react-router';
import { Menu, useLocaleState, useSidebarState, useStore, useTranslate } from 'react-admin';
import { getMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { canAccessFor } from '../auth/access';
import { useRoles } from '../auth/use-roles';
import { QA_PAGES } from '../qa/qa-pages';
import { WORKFLOW_PAGES } from '../workflows';
import { IMPORT_MENU_REPLACES, importMenuItems } from '../imports/menu';
import { dailyScreens } from './daily-screens';

/** Resources shown in another group than their registry area. */
const MOVED = new Set(['findings', ...IMPORT_MENU_REPLACES]);

interface Entry {
  key: string;
  path: string;
  node: ReactNode;
}
interface Group {
  key: string;
  label: string;
  entries: Entry[];
}

const GroupHeading = ({ group, open, onToggle }: { group: Group; open: boolean; onToggle: () => void }) => (
  <ListItemButton onClick={onToggle} dense sx={{ py: 0.25 }} data-testid={`menu-group-${group.key}`} aria-expanded={open}>
    <ListItemText primary={group.label} slotProps={{ primary: { variant: 'body2', sx: { fontWeight: 600, color: 'text.secondary' } } }} />
    {open ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
  </ListItemButton>
);

export const AreaMenu = () => {
  const [locale] = useLocaleState();
  const [sidebarOpen] = useSidebarState();
  const translate = useTranslate();
  const roles = useRoles();
  const location = useLocation();
  const [folded, setFolded] = useStore<Record<string, boolean>>('gsp.menu.folded', {});
  const meta = getMeta();
  if (!meta) return <Menu />;
  const allowed = (resource: string) => canAccessFor(roles, { resource, action: 'list' });

  const groups: Group[] = [];
  const qa: Entry[] = QA_PAGES.filter((p) => allowed(p.key)).map(({ key, path, label, icon: Icon }) => ({
    key,
    path,
    node:
      key === 'dashboard' ? (
        <Menu.DashboardItem key={key} primaryText={translate(label)} leftIcon={<Icon />} />
      ) : (
        <Menu.Item key={key} to={path} primaryText={translate(label)} leftIcon={<Icon />} data-testid={`menu-${key}`} />
      ),
  }));
  if (qa.length) groups.push({ key: 'qa', label: translate('gsp.menu.qa'), entries: qa });
  for (const area of meta.areas) {
    const entries: Entry[] = [];
    if (area.key === 'system') {
      for (const node of importMenuItems(meta, roles, translate)) {
        const el = node as { key: string; props: { to: string } };
        entries.push({ key: el.key, path: el.props.to, node });
      }
    }
    for (const r of meta.resources.filter((x) => x.area === area.key && x.menu && !MOVED.has(x.name) && allowed(x.name))) {
      entries.push({ key: r.name, path: `/${r.name}`, node: <Menu.ResourceItem key={r.name} name={r.name} /> });
    }
    for (const { key, path, label, icon: Icon } of WORKFLOW_PAGES.filter((p) => p.area === area.key && allowed(p.key))) {
      entries.push({ key, path, node: <Menu.Item key={key} to={path} primaryText={pick(label, locale)} leftIcon={<Icon />} data-testid={`menu-${key}`} /> });
    }
    if (area.key === 'system' && allowed('audit-verify')) {
      entries.push({
        key: 'audit-verify',
        path: '/audit-verify',
        node: <Menu.Item key="audit-verify" to="/audit-verify" primaryText={translate('gsp.audit_verify.title')} leftIcon={<LinkIcon />} />,
      });
    }
    if (entries.length) groups.push({ key: area.key, label: pick(area.label, locale), entries });
  }
  // The daily screens move to the first group, in the role's order.
  const daily: Entry[] = [];
  for (const key of dailyScreens(roles)) {
    for (const g of groups) {
      const i = g.entries.findIndex((e) => e.key === key);
      if (i >= 0) daily.push(...g.entries.splice(i, 1));
    }
  }
  const shown = [...(daily.length ? [{ key: 'daily', label: translate('gsp.menu.daily'), entries: daily }] : []), ...groups].filter((g) => g.entries.length);

  const here = (g: Group) => g.entries.some((e) => (e.path === '/' ? location.pathname === '/' : location.pathname.startsWith(e.path)));
  const isFolded = (g: Group) => folded[g.key] ?? !(g.key === 'daily' || here(g) || shown.length === 1);
  // a folded sidebar shows icons only: every group's icons, no headings
  return (
    <Menu>
      {shown.map((g, i) => {
        const open = !sidebarOpen || !isFolded(g);
        return (
          <List key={g.key} disablePadding data-testid={`menu-section-${g.key}`}>
            {sidebarOpen ? <GroupHeading group={g} open={open} onToggle={() => setFolded({ ...folded, [g.key]: open })} /> : i > 0 && <Divider />}
            {/* a folded group's entries are drawn when it is first unfolded: ≈ 30 of the admin's 41 entries
                (a quarter of a list page's elements) are folded on a page load */}
            <Collapse in={open} timeout={150} mountOnEnter>
              {g.entries.map((e) => e.node)}
            </Collapse>
          </List>
        );
      })}
    </Menu>
  );
};
