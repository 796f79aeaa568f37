import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// @font-face rules only (~100 unicode-range subsets): a subset is fetched when a character needs it and no
// system font listed before it in the theme has the character.
import '@fontsource-variable/noto-sans-sc';
import { Boot } from './boot/Boot';

// The initial bundle is this shell (boot/Boot.tsx); the console loads lazily.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Boot />
  </StrictMode>,
);
