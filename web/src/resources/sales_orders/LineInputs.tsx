/**
 * The inputs of one sales line inside the order form's iterator: product, a batch of that product,
 * quantity, unit price and an amount that follows quantity × price until the user types another figure.
 */
import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { NumberInput, TextInput, required, useSourceContext } from 'react-admin';
import { RefInput } from '../../generic/reference-inputs';
import { lineAmount } from './line-amount';
import { canWriteField } from '../../auth/access';
import { useRoles } from '../../auth/use-roles';

const req = [required()];
const narrow = { width: 120 };

const ProductAndBatch = () => {
  const { getSource } = useSourceContext();
  const { setValue, getValues } = useFormContext();
  const product = useWatch({ name: getSource('product') });
  const previous = useRef(product);
  // A batch belongs to one product: choosing another product clears a batch of the old one.
  useEffect(() => {
    if (previous.current !== product && previous.current !== undefined && getValues(getSource('batch')) != null) {
      setValue(getSource('batch'), null, { shouldDirty: true });
    }
    previous.current = product;
  }, [product, getSource, getValues, setValue]);
  return (
    <>
      <RefInput source="product" reference="products" validate={req} helperText={false} sx={{ width: 300 }} />
      <RefInput
        source="batch"
        reference="batches"
        validate={req}
        filter={product ? { product } : undefined}
        readOnly={!product}
        helperText={false}
        sx={{ width: 160 }}
      />
    </>
  );
};

const AmountFollowsQuantityAndPrice = () => {
  const { getSource } = useSourceContext();
  const { setValue, getValues } = useFormContext();
  const [quantity, unitPrice] = useWatch({ name: [getSource('quantity'), getSource('unit_price')] });
  const computed = lineAmount(quantity, unitPrice);
  const lastComputed = useRef(computed);
  useEffect(() => {
    if (computed === lastComputed.current) return;
    const current = getValues(getSource('amount'));
    // Only overwrite an amount the user has not set by hand.
    if (current == null || current === '' || current === lastComputed.current) {
      setValue(getSource('amount'), computed ?? null, { shouldDirty: true, shouldValidate: true });
    }
    lastComputed.current = computed;
  }, [computed, getSource, getValues, setValue]);
  return null;
};

export const LineInputs = () => {
  const roles = useRoles();
  return (
    <>
      <ProductAndBatch />
      <NumberInput source="quantity" validate={req} helperText={false} sx={narrow} />
      <NumberInput source="unit_price" validate={req} step={0.01} helperText={false} sx={narrow} />
      <NumberInput source="amount" validate={req} step={0.01} helperText={false} sx={narrow} />
      <AmountFollowsQuantityAndPrice />
      {/* Only the head of sales approves a price outside the range (field guard). */}
      <TextInput source="price_approved_by" helperText={false} sx={narrow} readOnly={!canWriteField(roles, 'sales_lines', 'price_approved_by')} />
      <TextInput source="handler" helperText={false} sx={narrow} />
      <TextInput source="responsible" helperText={false} sx={narrow} />
    </>
  );
};
