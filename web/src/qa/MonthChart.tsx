/** Findings per month as stacked SVG bars (errors / warnings), with the month's total above each bar. */
import { Box, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FindingsStats } from '../providers/api';

const HEIGHT = 180;
const BAR = 28;
const GAP = 14;
const LEFT = 8;
const TOP = 18;
const BOTTOM = 22;

export const MonthChart = ({ months }: { months: FindingsStats['byMonth'] }) => {
  const theme = useTheme();
  const translate = useTranslate();
  if (!months.length) return <Typography color="text.secondary">{translate('gsp.dashboard.no_findings')}</Typography>;
  const max = Math.max(1, ...months.map((m) => m.opened));
  const scale = (n: number) => (n / max) * (HEIGHT - TOP - BOTTOM);
  const width = LEFT * 2 + months.length * (BAR + GAP);
  return (
    <Box sx={{ overflowX: 'auto' }} data-testid="month-chart">
      <svg width={Math.max(width, 320)} height={HEIGHT} role="img" aria-label={translate('gsp.dashboard.per_month')}>
        <line x1={0} x2={Math.max(width, 320)} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} stroke={theme.palette.divider} />
        {months.map((m, i) => {
          const x = LEFT + i * (BAR + GAP);
          const errors = Number(m.errors) || 0;
          const warnings = Math.max(0, (Number(m.opened) || 0) - errors);
          const hErr = scale(errors);
          const hWarn = scale(warnings);
          const base = HEIGHT - BOTTOM;
          return (
            <g key={m.month} data-testid={`month-${m.month}`}>
              <title>{`${m.month}: ${translate('gsp.dashboard.opened')} ${m.opened}, ${translate('gsp.dashboard.errors')} ${errors}, ${translate('gsp.dashboard.active')} ${m.active}`}</title>
              <rect x={x} y={base - hErr} width={BAR} height={hErr} fill={theme.palette.error.main} />
              <rect x={x} y={base - hErr - hWarn} width={BAR} height={hWarn} fill={theme.palette.warning.light} />
              <text x={x + BAR / 2} y={base - hErr - hWarn - 4} textAnchor="middle" fontSize={11} fill={theme.palette.text.primary}>
                {m.opened}
              </text>
              <text x={x + BAR / 2} y={HEIGHT - 6} textAnchor="middle" fontSize={10} fill={theme.palette.text.secondary}>
                {m.month.slice(2)}
              </text>
            </g>
          );
        })}
      </svg>
      <Box sx={{ display: 'flex', gap: 2, fontSize: 12, color: 'text.secondary' }}>
        <span>
          <Box component="span" sx={{ display: 'inline-block', width: 10, height: 10, bgcolor: 'error.main', mr: 0.5 }} />
          {translate('gsp.dashboard.errors')}
        </span>
        <span>
          <Box component="span" sx={{ display: 'inline-block', width: 10, height: 10, bgcolor: 'warning.light', mr: 0.5 }} />
          {translate('gsp.dashboard.warnings')}
        </span>
      </Box>
    </Box>
  );
};
