/**
 * 修改密码 in the user menu: the current password, the new one twice → POST /api/auth/password. The server
 * checks the policy and ends the user's other sessions; this one stays signed in. The dialog lives beside the
 * menu (the menu unmounts its items when it closes).
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, ListItemIcon, ListItemText, MenuItem, TextField } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { HttpError, useNotify, useTranslate, useUserMenu } from 'react-admin';
import { API_URL, httpClient } from '../providers/http-client';

const OpenDialog = createContext<() => void>(() => {});

export function ChangePasswordProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <OpenDialog.Provider value={() => setOpen(true)}>
      {children}
      {open && <ChangePasswordDialog onClose={() => setOpen(false)} />}
    </OpenDialog.Provider>
  );
}

export const ChangePasswordMenuItem = () => {
  const translate = useTranslate();
  const openDialog = useContext(OpenDialog);
  const menu = useUserMenu();
  return (
    <MenuItem
      data-testid="change-password"
      onClick={() => {
        menu?.onClose();
        openDialog();
      }}
    >
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('gsp.password.menu')}</ListItemText>
    </MenuItem>
  );
};

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [values, setValues] = useState({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const field = (key: keyof typeof values, label: string, error?: string, helperText?: string) => (
    <TextField
      type="password"
      label={translate(label)}
      value={values[key]}
      fullWidth
      margin="dense"
      autoComplete={key === 'current' ? 'current-password' : 'new-password'}
      onChange={(e) => setValues({ ...values, [key]: e.target.value })}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{ htmlInput: { 'data-testid': `password-${key}` } }}
    />
  );
  const submit = async () => {
    setErrors({});
    setMessage(null);
    if (values.next !== values.confirm) return setErrors({ confirm: translate('gsp.password.mismatch') });
    setSaving(true);
    try {
      await httpClient(`${API_URL}/auth/password`, { method: 'POST', body: JSON.stringify({ current_password: values.current, password: values.next }) });
      notify('gsp.password.done', { type: 'success' });
      onClose();
    } catch (e) {
      const body = e instanceof HttpError ? (e.body as { errors?: Record<string, string>; message?: string } | undefined) : undefined;
      setErrors({ current: body?.errors?.current_password ?? '', next: body?.errors?.password ?? '' });
      setMessage(body?.message ?? (e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{translate('gsp.password.title')}</DialogTitle>
      <DialogContent>
        {message && (
          <Alert severity="error" data-testid="password-error" sx={{ mb: 1 }}>
            {message}
          </Alert>
        )}
        {field('current', 'gsp.password.current', errors.current || undefined)}
        {field('next', 'gsp.password.new', errors.next || undefined, translate('gsp.password.help'))}
        {field('confirm', 'gsp.password.confirm', errors.confirm || undefined)}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('gsp.password.cancel')}</Button>
        <Button variant="contained" data-testid="password-save" disabled={saving || !values.current || !values.next} onClick={submit}>
          {translate('gsp.password.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
