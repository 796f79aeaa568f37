/** The sales order form: the order's registry fields, then its lines edited inline, then the order total. */
import { Box, Typography } from '@mui/material';
import { ArrayInput, SimpleFormIterator, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { GenericForm } from '../../generic/GenericForm';
import { LineInputs } from './LineInputs';
import { orderTotal } from './line-amount';

const OrderTotal = () => {
  const translate = useTranslate();
  const lines = useWatch({ name: 'sales_lines' }) as { amount?: unknown }[] | undefined;
  const total = orderTotal(lines);
  return (
    <Typography variant="h6" sx={{ textAlign: 'right', mt: 1 }} data-testid="order-total">
      {translate('gsp.sales.total')}：¥{total.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
      <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
        ({translate('gsp.sales.line_count', { count: lines?.length ?? 0 })})
      </Typography>
    </Typography>
  );
};

const SalesLines = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', mt: 2 }}>
      <Typography variant="h6" gutterBottom>
        {translate('gsp.sales.lines')}
      </Typography>
      <ArrayInput source="sales_lines" label={false} defaultValue={[]}>
        <SimpleFormIterator
          inline
          disableReordering
          getItemLabel={(index) => `${index + 1}`}
          sx={{ '& .RaSimpleFormIterator-form': { flexWrap: 'wrap', rowGap: 1 }, '& .RaSimpleFormIterator-line': { py: 1 } }}
        >
          <LineInputs />
        </SimpleFormIterator>
      </ArrayInput>
      <OrderTotal />
    </Box>
  );
};

export const SalesOrderForm = ({ mode }: { mode: 'create' | 'edit' }) => <GenericForm mode={mode} after={<SalesLines />} />;
