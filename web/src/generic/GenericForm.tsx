/**
 * The create/edit form of any registry resource: one input per field (writeOnly ones only when they are
 * passwords), laid out in a responsive grid; server-filled fields are shown read-only on edit, not on create.
 * `after` lets a custom screen append its own section (the sales order's lines).
 */
import type { ReactNode } from 'react';
import { Box } from '@mui/material';
import { SaveButton, SimpleForm, TextInput, Toolbar, useTranslate } from 'react-admin';
import { CHANGE_REASON } from './payload';
import { useResourceMeta, type FieldMeta } from '../meta/meta-store';
import { renderInput } from './field-kinds';

const WIDE = new Set(['textarea', 'json', 'list']);

export const formFields = (fields: FieldMeta[], mode: 'create' | 'edit') =>
  fields.filter((f) => (f.writeOnly ? f.kind === 'password' : true)).filter((f) => !(mode === 'create' && f.readOnly));

export const FieldGrid = ({ fields, mode }: { fields: FieldMeta[]; mode: 'create' | 'edit' }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(3, minmax(0, 1fr))' },
      columnGap: 2,
      width: '100%',
      '& .ra-input': { width: '100%' },
    }}
  >
    {formFields(fields, mode).map((f) => (
      <Box key={f.key} sx={WIDE.has(f.kind) ? { gridColumn: '1 / -1' } : undefined}>
        {renderInput(f)}
      </Box>
    ))}
  </Box>
);

/** GSP asks why a record was changed: the server writes `_reason` to the audit row with the update. */
const ChangeReasonInput = () => {
  const translate = useTranslate();
  return (
    <TextInput source={CHANGE_REASON} label="gsp.edit.reason" helperText={translate('gsp.edit.reason_help')} fullWidth sx={{ mt: 2 }} />
  );
};

// No delete button: records are voided from the show page, with a reason.
const FormToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const GenericForm = ({ mode, after }: { mode: 'create' | 'edit'; after?: ReactNode }) => {
  const resource = useResourceMeta();
  return (
    <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
      <FieldGrid fields={resource.fields} mode={mode} />
      {after}
      {mode === 'edit' && <ChangeReasonInput />}
    </SimpleForm>
  );
};
