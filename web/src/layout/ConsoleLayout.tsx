import type { ReactNode } from 'react';
import { AppBar, Layout, Logout, UserMenu } from 'react-admin';
import { AreaMenu } from './AreaMenu';
import { ChangePasswordMenuItem, ChangePasswordProvider } from './ChangePassword';

const ConsoleAppBar = () => (
  <AppBar userMenu={<UserMenu><ChangePasswordMenuItem /><Logout /></UserMenu>} />
);

export const ConsoleLayout = ({ children }: { children: ReactNode }) => (
  <ChangePasswordProvider>
    <Layout menu={AreaMenu} appBar={ConsoleAppBar}>{children}</Layout>
  </ChangePasswordProvider>
);
