/** react-admin's default theme, denser (back-office users scan long tables) and with CJK-friendly fonts. */
import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** The family name of @fontsource-variable/noto-sans-sc (the printouts' font too). */
export const BUNDLED_CJK_FONT = 'Noto Sans SC Variable';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  typography: {
    // System CJK fonts first; the bundled Noto Sans SC (main.tsx, split by unicode-range) only where none of
    // them has a character, so a machine with a Chinese system font downloads nothing.
    fontFamily: [
      '-apple-system', 'BlinkMacSystemFont', '"Segoe UI"', '"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"',
      '"Source Han Sans SC"', '"WenQuanYi Micro Hei"', 'Roboto', `"${BUNDLED_CJK_FONT}"`, 'sans-serif',
    ].join(','),
  },
  components: {
    ...defaultTheme.components,
    RaDatagrid: { styleOverrides: { root: { '& .RaDatagrid-headerCell': { fontWeight: 600, whiteSpace: 'nowrap' } } } },
  },
};
