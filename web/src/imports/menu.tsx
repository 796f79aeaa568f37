/** The 系统 menu group's import entries: 数据导入 and 导入记录 (in place of the generic imports list). */
import type { ReactNode } from 'react';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import HistoryIcon from '@mui/icons-material/History';
import { Menu } from 'react-admin';
import type { Meta } from '../meta/meta-store';
import { canImport } from './kinds';
import { mayViewImports } from './import-routes';
import { HISTORY_PATH, WIZARD_PATH } from './paths';

/** Registry resources whose menu entry the import entries replace. */
export const IMPORT_MENU_REPLACES = ['imports'];

export function importMenuItems(meta: Meta, roles: readonly string[], translate: (key: string) => string): ReactNode[] {
  const items: ReactNode[] = [];
  if (canImport(meta, roles)) {
    items.push(
      <Menu.Item key="data-import" to={WIZARD_PATH} primaryText={translate('gsp.import.menu')} leftIcon={<UploadFileIcon />} data-testid="menu-import" />,
    );
  }
  if (mayViewImports(roles)) {
    items.push(
      <Menu.Item
        key="import-history"
        to={HISTORY_PATH}
        primaryText={translate('gsp.import.history_menu')}
        leftIcon={<HistoryIcon />}
        data-testid="menu-import-history"
      />,
    );
  }
  return items;
}
