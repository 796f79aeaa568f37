/**
 * react-admin's Layout (ra-ui-materialui layout/Layout.js: the same elements, classes and styles) without its
 * preferences Inspector, which the console never opens (no configurable screens): the Inspector read
 * `document.body.clientWidth` in every render of the frame, and a render right after the first commit of a
 * page forced a full layout of it — ≈ 20 ms of main-thread CPU and 60–140 ms of wall time on a list load
 * (synchronous fallback-font look-ups), with the page laid out again for its first frame (issue 13 item 7).
 */
import { Component, Suspense, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { styled } from '@mui/material/styles';
import { Error as ErrorPage, LayoutClasses, Loading, SkipNavigationButton } from 'react-admin';

/** What react-error-boundary did for the Layout: a screen that throws shows react-admin's error page. */
class ScreenBoundary extends Component<{ children: ReactNode }, { error?: Error; info?: ErrorInfo }> {
  state: { error?: Error; info?: ErrorInfo } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(_error: Error, info: ErrorInfo) {
    this.setState({ info });
  }
  reset = () => this.setState({ error: undefined, info: undefined });
  render() {
    const { error, info } = this.state;
    return error ? <ErrorPage error={error} errorInfo={info} resetErrorBoundary={this.reset} /> : this.props.children;
  }
}

interface ConsoleFrameProps {
  appBar: ComponentType;
  sidebar: ComponentType<{ children: ReactNode }>;
  menu: ComponentType;
  children: ReactNode;
}

export const ConsoleFrame = ({ appBar: AppBar, sidebar: Sidebar, menu: Menu, children }: ConsoleFrameProps) => (
  <Core className="layout">
    <SkipNavigationButton />
    <div className={LayoutClasses.appFrame}>
      <AppBar />
      <main className={LayoutClasses.contentWithSidebar}>
        <Sidebar>
          <Menu />
        </Sidebar>
        <div id="main-content" className={LayoutClasses.content}>
          <ScreenBoundary>
            <Suspense fallback={<Loading />}>{children}</Suspense>
          </ScreenBoundary>
        </div>
      </main>
    </div>
  </Core>
);

const Core = styled('div', { name: 'RaLayout', overridesResolver: (_props, styles) => styles.root })(({ theme }) => ({
  display: 'flex',
  flexDirection: 'column',
  zIndex: 1,
  minHeight: '100vh',
  backgroundColor: theme.palette.background.default,
  position: 'relative',
  minWidth: 'fit-content',
  width: '100%',
  [`& .${LayoutClasses.appFrame}`]: {
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    marginTop: theme.spacing(6),
    [theme.breakpoints.down('sm')]: { marginTop: theme.spacing(7) },
  },
  [`& .${LayoutClasses.contentWithSidebar}`]: {
    display: 'flex',
    flexGrow: 1,
    transition: theme.transitions.create('margin', { easing: theme.transitions.easing.easeOut, duration: theme.transitions.duration.enteringScreen }),
  },
  [`& .${LayoutClasses.content}`]: {
    backgroundColor: theme.palette.background.default,
    zIndex: 2,
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    flexBasis: 0,
    padding: 0,
    [theme.breakpoints.up('xs')]: { paddingRight: theme.spacing(1), paddingLeft: theme.spacing(1) },
  },
}));
