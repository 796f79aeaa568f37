/**
 * The UI's font stack, shared by the boot shell (no MUI) and the theme. System CJK fonts first; the
 * bundled Noto Sans SC (main.tsx, split by unicode-range) only where none of them has a character, so a
 * machine with a Chinese system font downloads nothing.
 */
/** The family name of @fontsource-variable/noto-sans-sc (the printouts' font too). */
export const BUNDLED_CJK_FONT = 'Noto Sans SC Variable';

export const FONT_STACK = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'Roboto',
  `"${BUNDLED_CJK_FONT}"`,
  'sans-serif',
].join(',');
