import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { AreaMenu } from './AreaMenu';

export const ConsoleLayout = ({ children }: { children: ReactNode }) => <Layout menu={AreaMenu}>{children}</Layout>;
