/**
 * react-admin's Sidebar without its useScrollTrigger: that hook (for an app bar that hides on scroll — ours
 * is always on, ConsoleLayout.tsx) reads the scroll position in its mount effect, which forced a full layout
 * of the half-committed page: ≈ 25–35 ms of main-thread CPU on a list load, more in wall time (the layout
 * asks the browser process for fallback fonts synchronously), and the page was laid out again for its first
 * frame (issue 13 item 7). Same drawer, classes and styles otherwise (ra-ui-materialui layout/Sidebar.js).
 */
import type { ReactNode } from 'react';
import { Drawer, useMediaQuery } from '@mui/material';
import { styled, type Theme } from '@mui/material/styles';
import { SidebarClasses, useLocale, useSidebarState } from 'react-admin';

const DRAWER_WIDTH = 240;
const CLOSED_DRAWER_WIDTH = 55;

export const ConsoleSidebar = ({ children }: { children: ReactNode }) => {
  const isXSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [open, setOpen] = useSidebarState();
  useLocale(); // drawn again when the language changes
  const toggle = () => setOpen(!open);
  return isXSmall ? (
    <StyledDrawer variant="temporary" open={open} onClose={toggle} classes={SidebarClasses}>
      {children}
    </StyledDrawer>
  ) : (
    <StyledDrawer variant="permanent" open={open} onClose={toggle} classes={SidebarClasses} className={open ? 'RaSidebar-open' : 'RaSidebar-closed'}>
      <div className={SidebarClasses.fixed}>{children}</div>
    </StyledDrawer>
  );
};

const StyledDrawer = styled(Drawer, { name: 'RaSidebar', slot: 'Root', overridesResolver: (_props, styles) => styles.root, shouldForwardProp: () => true })(
  ({ open, theme }) => ({
    height: 'calc(100vh - 3em)',
    marginTop: 0,
    transition: theme.transitions.create('margin', { easing: theme.transitions.easing.easeOut, duration: theme.transitions.duration.enteringScreen }),
    [`& .${SidebarClasses.fixed}`]: {
      position: 'fixed',
      height: 'calc(100vh - 3em)',
      overflowX: 'hidden',
      // no scrollbar
      scrollbarWidth: 'none',
      msOverflowStyle: 'none',
      '&::-webkit-scrollbar': { display: 'none' },
    },
    '& .MuiPaper-root': {
      position: 'relative',
      width: open ? DRAWER_WIDTH : CLOSED_DRAWER_WIDTH,
      transition: theme.transitions.create('width', { easing: theme.transitions.easing.sharp, duration: theme.transitions.duration.leavingScreen }),
      backgroundColor: 'transparent',
      borderRight: 'none',
      [theme.breakpoints.only('xs')]: {
        marginTop: 0,
        height: '100vh',
        position: 'inherit',
        backgroundColor: theme.palette.background.default,
      },
      [theme.breakpoints.up('md')]: { border: 'none' },
      zIndex: 'inherit',
    },
  }),
);
