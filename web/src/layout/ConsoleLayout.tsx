import { Fragment, type ReactNode } from 'react';
import { AppBar, Logout, UserMenu, useGetList } from 'react-admin';
import { BUSINESS_TIME_ZONE_SETTING } from '../../../schema/time-zone';
import { businessTimeZoneKey, setBusinessTimeZone } from '../generic/format';
import { AreaMenu } from './AreaMenu';
import { ConsoleSidebar } from './ConsoleSidebar';
import { ConsoleFrame } from './ConsoleFrame';
import { useAfterFirstPaint } from '../generic/after-paint';
import { ChangePasswordMenuItem, ChangePasswordProvider } from './ChangePassword';

// alwaysOn: no hide-on-scroll, whose mount effect read the scroll position and so forced a layout of the
// half-built page (≈ 90 ms in a profile of a list load). Its buttons (language, refresh / loading indicator,
// user menu) come in the frame after the page's first paint, as the menu does (below).
const USER_MENU = (
  <UserMenu>
    <ChangePasswordMenuItem />
    <Logout />
  </UserMenu>
);
const ConsoleAppBar = () => {
  const later = useAfterFirstPaint();
  return later ? <AppBar alwaysOn userMenu={USER_MENU} /> : <AppBar alwaysOn toolbar={null} userMenu={false} />;
};

/**
 * The menu comes in the frame after the page's first paint (generic/after-paint.ts): on a list load its
 * groups, entries, tooltips and their styles cost the rows' first render ≈ a fifth of its CPU, and the rows
 * are what the page was opened for. The frame stays across in-app navigation: only a page load waits a frame.
 */
const LaterMenu = () => (useAfterFirstPaint() ? <AreaMenu /> : null);

/**
 * The console's frame. The business time zone came with the page (boot/boot-data.ts); the setting is read
 * again so that a change made in this session applies (a failed read keeps the page's zone): the page does
 * not wait for it, and in the rare case the zone changed, the page is drawn again in it (keyed by the zone).
 */
export const ConsoleLayout = ({ children }: { children: ReactNode }) => {
  const { data } = useGetList('settings', { filter: { key: BUSINESS_TIME_ZONE_SETTING }, pagination: { page: 1, perPage: 1 } }, { retry: false });
  if (data) setBusinessTimeZone(data[0]?.value);
  return (
    <ChangePasswordProvider>
      <ConsoleFrame menu={LaterMenu} appBar={ConsoleAppBar} sidebar={ConsoleSidebar}>
        <Fragment key={businessTimeZoneKey()}>{children}</Fragment>
      </ConsoleFrame>
    </ChangePasswordProvider>
  );
};
