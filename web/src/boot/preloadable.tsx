/**
 * React.lazy for modules that are usually loaded already (preloaded by the page, or imported eagerly as the
 * console starts): once the module is there, its component renders directly. React.lazy would still
 * suspend on its first render — a fallback drawn and the subtree drawn again — for each lazy level the
 * first screen passes through (the console, its frame, the screen). Dependency-free: part of the initial bundle.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then((c) => {
      loaded = c;
      return c;
    }));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per lazy module as its module loads, never while rendering
  const Component = (props: P) => {
    const Loaded = loaded;
    if (Loaded) return <Loaded {...props} />;
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  };
  return { Component, preload };
}
