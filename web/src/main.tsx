import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// @font-face rules only (~100 unicode-range subsets): a subset is fetched when a character needs it and no
// system font listed before it in the theme has the character.
import '@fontsource-variable/noto-sans-sc';
import { Boot } from './boot/Boot';
import { bootData } from './boot/boot-data';
import { prefetchList } from './boot/list-prefetch';
import { readLang } from './boot/lang';

// Signed in (the server said so in index.html): the list the page opens on is asked for now, while the
// console's code loads, not once it has rendered (boot/list-prefetch.ts).
const boot = bootData();
if (boot.user && boot.meta) prefetchList(boot.meta, readLang());

// The initial bundle is this shell (boot/Boot.tsx); the console loads lazily.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Boot />
  </StrictMode>,
);
