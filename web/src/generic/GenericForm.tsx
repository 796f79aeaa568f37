/**
 * The create/edit form of any registry resource: one input per field (writeOnly ones only when they are
 * passwords), laid out in a responsive grid; server-filled fields are shown read-only on edit, not on create,
 * and fields the user's roles may not set (schema/permissions.ts field guards) are read-only too.
 * `after` lets a custom screen append its own section (the sales order's lines).
 */
import type { ReactNode } from 'react';
import { Box } from '@mui/material';
import { SaveButton, SimpleForm, TextInput, Toolbar, required, useLocaleState, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { CHANGE_REASON } from './payload';
import { useResourceMeta, type FieldMeta } from '../meta/meta-store';
import { renderInput } from './field-kinds';
import { FormErrorsAlert } from './FormErrorsAlert';
import { canWriteField } from '../auth/access';
import { useRoles } from '../auth/use-roles';
import { needsChangeReason } from '../signatures/edit-reason';
import { useSignatures } from '../signatures/use-signatures';
import { ownedBySteps, reviewedBy } from '../lifecycle/hints';

const WIDE = new Set(['textarea', 'json', 'list']);

export const formFields = (fields: FieldMeta[], mode: 'create' | 'edit') =>
  fields.filter((f) => (f.writeOnly ? f.kind === 'password' : true)).filter((f) => !(mode === 'create' && f.readOnly));

/** The field as these roles may use it: read-only when a field guard keeps them from setting it. */
export const guardedField = (resource: string, field: FieldMeta, roles: readonly string[]): FieldMeta =>
  field.readOnly || canWriteField(roles, resource, field.key) ? field : { ...field, readOnly: true };

/**
 * The helper text the lifecycle gives a field: the step that sets a step-owned one (read-only then, unless the
 * form may still move it between its plain values), or that a change on this approved record returns it to review.
 */
export function lifecycleHelper(
  resource: string,
  field: FieldMeta,
  record: Record<string, unknown> | undefined,
  lang: 'zh' | 'en',
  translate: (k: string, o?: object) => string,
): string | undefined {
  const steps = ownedBySteps(resource, field.key, lang);
  if (steps) return translate('gsp.form.step_owned', { steps });
  const reviewed = reviewedBy(resource, field.key, record, lang);
  return reviewed ? translate('gsp.form.reviewed', reviewed) : undefined;
}

export const FieldGrid = ({ fields, mode }: { fields: FieldMeta[]; mode: 'create' | 'edit' }) => {
  const resource = useResourceContext()!;
  const roles = useRoles();
  const record = useRecordContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const lang = locale === 'en' ? 'en' : 'zh';
  return (
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
          {renderInput(guardedField(resource, f, roles), withHelper(lifecycleHelper(resource, f, mode === 'edit' ? record : undefined, lang, translate)))}
        </Box>
      ))}
    </Box>
  );
};

const withHelper = (helperText: string | undefined) => (helperText ? { helperText } : {});

const requiredReason = [required()];

/**
 * GSP asks why a record was changed: the server writes `_reason` to the audit row with the update, and
 * refuses an update of an approved / signed record without one — so the input is then required.
 */
export const ChangeReasonInput = () => {
  const translate = useTranslate();
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const { data: signatures } = useSignatures(resource, record?.id, record?.version);
  const mandatory = needsChangeReason(record, signatures?.length ?? 0);
  return (
    <TextInput
      source={CHANGE_REASON}
      label="gsp.edit.reason"
      helperText={translate(mandatory ? 'gsp.edit.reason_required' : 'gsp.edit.reason_help')}
      validate={mandatory ? requiredReason : undefined}
      fullWidth
      sx={{ mt: 2 }}
    />
  );
};

// No delete button: records are voided from the show page, with a reason.
const FormToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const GenericForm = ({ mode, after, children }: { mode: 'create' | 'edit'; after?: ReactNode; children?: ReactNode }) => {
  const resource = useResourceMeta();
  return (
    <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
      {children ?? <FieldGrid fields={resource.fields} mode={mode} />}
      {after}
      {mode === 'edit' && <ChangeReasonInput />}
      <FormErrorsAlert />
    </SimpleForm>
  );
};
