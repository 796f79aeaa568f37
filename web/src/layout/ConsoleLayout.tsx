import { Fragment, type ReactNode } from 'react';
import { AppBar, Layout, Logout, UserMenu, useGetList } from 'react-admin';
import { BUSINESS_TIME_ZONE_SETTING } from '../../../schema/time-zone';
import { businessTimeZone, setBusinessTimeZone } from '../generic/format';
import { AreaMenu } from './AreaMenu';
import { ChangePasswordMenuItem, ChangePasswordProvider } from './ChangePassword';

const ConsoleAppBar = () => (
  <AppBar
    userMenu={
      <UserMenu>
        <ChangePasswordMenuItem />
        <Logout />
      </UserMenu>
    }
  />
);

/**
 * The console's frame. The business time zone comes from the settings (a role that may not read them gets
 * the default): the page does not wait for it; in the rare case it is not the default, the page is drawn
 * again in it once known (keyed by the zone).
 */
export const ConsoleLayout = ({ children }: { children: ReactNode }) => {
  const { data } = useGetList('settings', { filter: { key: BUSINESS_TIME_ZONE_SETTING }, pagination: { page: 1, perPage: 1 } }, { retry: false });
  setBusinessTimeZone(data?.[0]?.value);
  return (
    <ChangePasswordProvider>
      <Layout menu={AreaMenu} appBar={ConsoleAppBar}>
        <Fragment key={businessTimeZone()}>{children}</Fragment>
      </Layout>
    </ChangePasswordProvider>
  );
};
