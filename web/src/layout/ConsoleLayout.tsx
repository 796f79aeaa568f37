import type { ReactNode } from 'react';
import { AppBar, Layout, Logout, UserMenu, useGetList } from 'react-admin';
import { BUSINESS_TIME_ZONE_SETTING } from '../../../schema/time-zone';
import { setBusinessTimeZone } from '../generic/format';
import { AreaMenu } from './AreaMenu';
import { ChangePasswordMenuItem, ChangePasswordProvider } from './ChangePassword';

const ConsoleAppBar = () => (
  <AppBar userMenu={<UserMenu><ChangePasswordMenuItem /><Logout /></UserMenu>} />
);

/**
 * The console's frame. The business time zone is read from the settings first (a role that may not read
 * them gets the default), so no time is ever drawn in another zone.
 */
export const ConsoleLayout = ({ children }: { children: ReactNode }) => {
  const { data, isPending } = useGetList(
    'settings', { filter: { key: BUSINESS_TIME_ZONE_SETTING }, pagination: { page: 1, perPage: 1 } }, { retry: false },
  );
  setBusinessTimeZone(data?.[0]?.value);
  return (
    <ChangePasswordProvider>
      <Layout menu={AreaMenu} appBar={ConsoleAppBar}>{isPending ? null : children}</Layout>
    </ChangePasswordProvider>
  );
};
