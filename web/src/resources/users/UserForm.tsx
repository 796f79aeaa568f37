/**
 * User accounts: roles as a labelled multi-select (every role of the permission matrix, in both languages),
 * the password write-only — required for a new account, left empty on edit to keep the current one. A new
 * account must change the password the admin typed at its first sign-in unless the admin unticks it; a new
 * password set on edit requires the change anyway (server/auth/password-change.ts).
 */
import { Box } from '@mui/material';
import { BooleanInput, CheckboxGroupInput, PasswordInput, TextInput, minLength, required, useLocaleState, useTranslate } from 'react-admin';
import { GenericForm } from '../../generic/GenericForm';
import { RefInput } from '../../generic/reference-inputs';
import { findField } from '../../meta/meta-store';
import { choicesOf } from '../../meta/labels';

const req = [required()];
const rolesRequired = [required(), (v: unknown) => (Array.isArray(v) && v.length ? undefined : 'ra.validation.required')];
const newPassword = [required(), minLength(10)];
const changedPassword = [minLength(10)];

const UserFields = ({ mode }: { mode: 'create' | 'edit' }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const roles = choicesOf(findField('users', 'roles')?.options, locale);
  return (
    <Box sx={{ width: '100%' }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' }, columnGap: 2 }}>
        <TextInput source="username" validate={req} readOnly={mode === 'edit'} helperText={false} />
        <TextInput source="display_name" validate={req} helperText={false} />
        <PasswordInput
          source="password"
          validate={mode === 'create' ? newPassword : changedPassword}
          autoComplete="new-password"
          helperText={translate(mode === 'create' ? 'gsp.users.password_new' : 'gsp.users.password_keep')}
        />
      </Box>
      <CheckboxGroupInput
        source="roles"
        choices={roles}
        validate={rolesRequired}
        row
        sx={{ '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' } }}
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' }, columnGap: 2 }}>
        <RefInput source="salesperson" reference="salespeople" helperText={translate('gsp.users.salesperson_help')} />
        <BooleanInput source="active" defaultValue={true} helperText={false} />
        <BooleanInput source="must_change_password" defaultValue={mode === 'create'} helperText={translate('gsp.users.must_change_help')} />
      </Box>
    </Box>
  );
};

export const UserForm = ({ mode }: { mode: 'create' | 'edit' }) => (
  <GenericForm mode={mode}>
    <UserFields mode={mode} />
  </GenericForm>
);
