/** react-admin's default theme, denser (back-office users scan long tables) and with CJK-friendly fonts. */
import { defaultTheme, type RaThemeOptions } from 'react-admin';
import { FONT_STACK } from './fonts';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  typography: {
    fontFamily: FONT_STACK,
  },
  components: {
    ...defaultTheme.components,
    RaDatagrid: { styleOverrides: { root: { '& .RaDatagrid-headerCell': { fontWeight: 600, whiteSpace: 'nowrap' } } } },
  },
};
