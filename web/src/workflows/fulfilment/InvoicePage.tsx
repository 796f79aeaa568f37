/**
 * 开具发票: finance chooses a customer, ticks reviewed slips not yet invoiced, and issues one invoice for them;
 * the server computes the lines and total from the slips' orders and checks 票账货相符.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify } from 'react-admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { getInvoiceableSlips, issueInvoice, money } from './api';
import { T, useText } from './texts';

export const InvoicePage = () => {
  const t = useText();
  const notify = useNotify();
  const navigate = useNavigate();
  const params = new URLSearchParams(useLocation().search);
  const { data: all = [] } = useQuery({ queryKey: ['fulfilment-invoiceable'], queryFn: () => getInvoiceableSlips() });
  const customers = useMemo(() => [...new Map(all.map((s) => [s.customer, { id: s.customer, name: s.customer_name }])).values()], [all]);
  const [customer, setCustomer] = useState<number | null>(params.get('customer') ? Number(params.get('customer')) : null);
  const [chosen, setChosen] = useState<Set<number>>(new Set((params.get('slips') ?? '').split(',').filter(Boolean).map(Number)));
  const [invoiceNo, setInvoiceNo] = useState('');
  const [type, setType] = useState('vat_special');
  const [form, setForm] = useState<'itemised' | 'list_attached'>('itemised');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const slips = all.filter((s) => s.customer === customer);
  // Keep only the chosen slips of the chosen customer (once the choices are loaded: the URL may preselect some).
  useEffect(() => {
    if (all.length) setChosen((c) => new Set([...c].filter((id) => all.some((s) => s.id === id && s.customer === customer))));
  }, [customer, all]);
  const total = slips.filter((s) => chosen.has(s.id)).reduce((sum, s) => sum + s.amount, 0);
  const toggle = (id: number) =>
    setChosen((c) => {
      const n = new Set(c);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const submit = async () => {
    setPending(true);
    setError(undefined);
    try {
      const inv = await issueInvoice({ slips: [...chosen], invoice_no: invoiceNo.trim(), type, form });
      notify(t(T.invoiceDone, { no: inv.invoice_no, amount: money(inv.amount) }), { type: 'success' });
      navigate(`/invoices/${inv.id}/show`);
    } catch (e) {
      const err = e as { body?: { message?: string; errors?: Record<string, unknown> }; message?: string };
      const fields = Object.entries(err.body?.errors ?? {})
        .filter(([k]) => k !== 'root')
        .map(([, v]) => String(v));
      setError([err.body?.message ?? err.message, ...fields].filter(Boolean).join('；'));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card sx={{ mt: 1 }}>
      <Title title={t(T.invoicePage)} />
      <CardContent>
        <Typography variant="h6" sx={{ mb: 2 }}>
          {t(T.invoicePage)}
        </Typography>
        <Autocomplete
          options={customers}
          getOptionLabel={(c) => c.name}
          value={customers.find((c) => c.id === customer) ?? null}
          onChange={(_, c) => setCustomer(c?.id ?? null)}
          sx={{ maxWidth: 480, mb: 2 }}
          renderInput={(p) => <TextField {...p} label={t(T.chooseCustomer)} inputProps={{ ...p.inputProps, 'data-testid': 'invoice-customer' }} />}
        />
        {customer != null && (
          <>
            <Typography variant="subtitle2">{t(T.slipsToInvoice)}</Typography>
            {slips.length === 0 ? (
              <Alert severity="info">{t(T.noSlips)}</Alert>
            ) : (
              <Table size="small" sx={{ mb: 2 }} data-testid="invoice-slips">
                <TableHead>
                  <TableRow>
                    <TableCell />
                    <TableCell>{t(T.slipNo)}</TableCell>
                    <TableCell>{t(T.outboundDate)}</TableCell>
                    <TableCell>销售单 / Order</TableCell>
                    <TableCell align="right">{t(T.amount)}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {slips.map((s) => (
                    <TableRow key={s.id} hover onClick={() => toggle(s.id)} sx={{ cursor: 'pointer' }}>
                      <TableCell padding="checkbox">
                        <Checkbox checked={chosen.has(s.id)} inputProps={{ 'aria-label': s.slip_no }} data-testid={`invoice-slip-${s.slip_no}`} />
                      </TableCell>
                      <TableCell>{s.slip_no}</TableCell>
                      <TableCell>{s.outbound_date}</TableCell>
                      <TableCell>{s.order_no}</TableCell>
                      <TableCell align="right">{money(s.amount)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems={{ md: 'center' }} sx={{ mb: 2 }}>
              <TextField
                label={t(T.invoiceNo)}
                required
                value={invoiceNo}
                onChange={(e) => setInvoiceNo(e.target.value)}
                inputProps={{ 'data-testid': 'invoice-no' }}
              />
              <TextField select label={t(T.type)} value={type} onChange={(e) => setType(e.target.value)} sx={{ minWidth: 220 }}>
                <MenuItem value="vat_special">{t(T.vatSpecial)}</MenuItem>
                <MenuItem value="vat_ordinary">{t(T.vatOrdinary)}</MenuItem>
              </TextField>
              <RadioGroup row value={form} onChange={(e) => setForm(e.target.value as typeof form)}>
                <FormControlLabel value="itemised" control={<Radio />} label={t(T.itemised)} />
                <FormControlLabel value="list_attached" control={<Radio />} label={t(T.listAttached)} />
              </RadioGroup>
            </Stack>
            {error && (
              <Alert severity="error" sx={{ mb: 2 }} data-testid="invoice-error">
                {error}
              </Alert>
            )}
            <Box>
              <Typography variant="body2" sx={{ mb: 1 }}>
                {t(T.selected, { n: chosen.size })} <strong data-testid="invoice-total">{money(total)}</strong>
              </Typography>
              <Button variant="contained" disabled={pending || chosen.size === 0 || !invoiceNo.trim()} onClick={submit} data-testid="invoice-submit">
                {t(T.submitInvoice)}
              </Button>
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
};
