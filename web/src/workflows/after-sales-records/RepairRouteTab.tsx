/**
 * 维修途径 of a complaint (第三篇 三): the suppliers' quality agreements covering the complained product's maker —
 * the repair terms and whom to call — valid ones first; a device without a valid agreement says so.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Box, Chip, CircularProgress, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useLocaleState, useRecordContext } from 'react-admin';
import { pick } from '../../meta/labels';
import { getRepairRoute } from '../aftersales/api';

const T = {
  noProduct: { zh: '投诉未指明品种，无法确定维修途径', en: 'The complaint names no product, so there is no repair route' },
  none: {
    zh: '没有涵盖该生产企业的质量保证协议：请与供货方签订含维修条款的质量保证协议',
    en: 'No quality agreement covers this maker: sign one with the repair clause',
  },
  noValid: { zh: '涵盖该生产企业的质量保证协议均已过期，请续签', en: 'Every agreement covering this maker has expired: renew it' },
  maker: { zh: '生产企业', en: 'Manufacturer' },
  agreement: { zh: '协议编号', en: 'Agreement' },
  supplier: { zh: '供货单位', en: 'Supplier' },
  validTo: { zh: '有效期至', en: 'Valid to' },
  terms: { zh: '维修条款', en: 'Repair terms' },
  contact: { zh: '售后/维修联系方式', en: 'Repair contact' },
  valid: { zh: '有效', en: 'Valid' },
  expired: { zh: '已过期', en: 'Expired' },
} as const;

export const RepairRouteTab = () => {
  const complaint = useRecordContext();
  const [locale] = useLocaleState();
  const product = complaint?.product;
  const { data, isPending, error } = useQuery({ queryKey: ['workflows', 'repair-route', product], queryFn: () => getRepairRoute(product), enabled: !!product });
  if (!complaint) return null;
  if (!product) return <Alert severity="info">{pick(T.noProduct, locale)}</Alert>;
  if (isPending) return <CircularProgress size={24} />;
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  return (
    <Box data-testid="repair-route">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {pick(T.maker, locale)}：{data.manufacturer ?? ''}
      </Typography>
      {data.agreements.length === 0 ? (
        <Alert severity={data.device ? 'warning' : 'info'}>{pick(T.none, locale)}</Alert>
      ) : (
        <>
          {!data.agreements.some((a) => a.valid) && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {pick(T.noValid, locale)}
            </Alert>
          )}
          <Table size="small">
            <TableHead>
              <TableRow>
                {[T.agreement, T.supplier, T.validTo, T.terms, T.contact].map((h) => (
                  <TableCell key={h.en}>{pick(h, locale)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.agreements.map((a) => (
                <TableRow key={a.id} data-testid={`repair-agreement-${a.id}`}>
                  <TableCell>
                    <Link component={RouterLink} to={`/supplier_agreements/${a.id}/show`}>
                      {a.agreement_no}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {a.supplier_name}
                    <Typography variant="caption" component="div">
                      {a.contact ?? ''}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {a.valid_to} <Chip size="small" color={a.valid ? 'success' : 'error'} label={pick(a.valid ? T.valid : T.expired, locale)} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{a.repair_terms ?? ''}</TableCell>
                  <TableCell>{a.after_sales_contact ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
};
