/**
 * The electronic-signature dialog of a workflow verb (first-business approval, contract and price approval,
 * outbound review, waiving a finding, closing a complaint): it states what the signature means, asks the
 * signer to re-enter their password (and a comment, required where the verb needs a reason) and posts to
 * POST /api/:res/:id/:verb — or /api/:res/bulk/:verb for several records. Unsigned verbs (acknowledging a
 * finding) get the same dialog without the password.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import DrawIcon from '@mui/icons-material/Draw';
import { useGetIdentity, useLocaleState, useTranslate, type Identifier } from 'react-admin';
import type { VerbSpec } from '../auth/verbs';
import { findField } from '../meta/meta-store';
import { optionLabel, pick } from '../meta/labels';
import { runVerb } from '../providers/api';

export interface SignDialogProps {
  open: boolean;
  spec: VerbSpec;
  resource: string;
  ids: Identifier[];
  /** how the record reads (its registry display), for a single record */
  subject?: string;
  onClose(): void;
  onDone(result: unknown): void;
}

type Errors = { password?: string; comment?: string; form?: string; inputs?: Record<string, string> };

function errorsOf(error: unknown): Errors {
  const e = error as { message?: string; body?: { errors?: Record<string, unknown>; message?: string } };
  const fields = e?.body?.errors ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const password = text(fields.password);
  const comment = text(fields.comment);
  // Errors on the verb's own inputs come back under their keys.
  const inputs = Object.fromEntries(Object.entries(fields).filter(([k, v]) => k !== 'password' && k !== 'comment' && typeof v === 'string')) as Record<
    string,
    string
  >;
  const fieldError = password || comment || Object.keys(inputs).length;
  return { password, comment, inputs, form: fieldError ? undefined : (e?.body?.message ?? e?.message ?? String(error)) };
}

export const SignDialog = ({ open, spec, resource, ids, subject, onClose, onDone }: SignDialogProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const [password, setPassword] = useState('');
  const [comment, setComment] = useState('');
  // The verb's own values (schema/verbs.ts `inputs`): quantity returned, notification method…
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const meaningField = findField('signatures', 'meaning');
  const known = meaningField?.options?.find((o) => o.id === spec.meaning);
  const meaning = known ? optionLabel(meaningField!, spec.meaning, locale) : pick(spec.meaningLabel ?? spec.label, locale);

  const reset = () => {
    setPassword('');
    setComment('');
    setValues({});
    setErrors({});
  };
  const close = () => {
    if (pending) return;
    reset();
    onClose();
  };
  const missingComment = spec.commentRequired && !comment.trim();
  const missingPassword = spec.signed && !password;
  const missingInput = (spec.inputs ?? []).some((i) => i.required && !values[i.key]?.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (missingComment || missingPassword || missingInput || pending) return;
    setPending(true);
    setErrors({});
    try {
      const extra = Object.fromEntries(
        (spec.inputs ?? []).filter((i) => values[i.key]?.trim()).map((i) => [i.key, i.kind === 'number' ? Number(values[i.key]) : values[i.key].trim()]),
      );
      const result = await runVerb(resource, ids, spec.verb, {
        ...extra,
        ...(spec.signed && { password }),
        ...(comment.trim() && { comment: comment.trim() }),
      });
      reset();
      onDone(result);
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setPending(false);
    }
  };

  const title =
    ids.length > 1
      ? translate('gsp.sign.title_bulk', { action: pick(spec.label, locale), count: ids.length })
      : `${pick(spec.label, locale)}${subject ? `：${subject}` : ''}`;

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="sign-dialog">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {spec.signed && <DrawIcon color="primary" />}
          {title}
        </DialogTitle>
        <DialogContent>
          {spec.signed && (
            <Alert severity="info" icon={false} sx={{ mb: 2 }} data-testid="sign-meaning">
              <Typography variant="body2">
                <strong>{translate('gsp.sign.meaning')}：</strong>
                {meaning}
              </Typography>
              <Typography variant="body2">
                <strong>{translate('gsp.sign.signer')}：</strong>
                {identity?.fullName ?? ''}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
                {translate('gsp.sign.statement')}
              </Typography>
            </Alert>
          )}
          {errors.form && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="sign-error">
              {errors.form}
            </Alert>
          )}
          {(spec.inputs ?? []).map((input) => (
            <TextField
              key={input.key}
              name={input.key}
              label={pick(input.label, locale)}
              required={input.required}
              select={input.kind === 'select'}
              type={input.kind === 'number' ? 'number' : input.kind === 'date' ? 'date' : 'text'}
              fullWidth
              margin="dense"
              value={values[input.key] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [input.key]: e.target.value }))}
              error={!!errors.inputs?.[input.key]}
              helperText={errors.inputs?.[input.key] ?? ' '}
              slotProps={{ inputLabel: { shrink: input.kind === 'date' ? true : undefined }, select: { native: true } }}
              inputProps={{ 'data-testid': `verb-input-${input.key}` }}
            >
              {input.kind === 'select' && [
                <option key="" value="" />,
                ...(input.options ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {pick(o.label, locale)}
                  </option>
                )),
              ]}
            </TextField>
          ))}
          <TextField
            name="comment"
            label={translate(spec.commentRequired ? 'gsp.sign.reason' : 'gsp.sign.comment')}
            required={spec.commentRequired}
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            autoFocus
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={!!errors.comment}
            helperText={errors.comment ?? (spec.commentRequired ? translate('gsp.sign.reason_help') : ' ')}
          />
          {spec.signed && (
            <TextField
              name="password"
              type="password"
              autoComplete="current-password"
              label={translate('gsp.sign.password')}
              required
              fullWidth
              margin="dense"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={!!errors.password}
              helperText={errors.password ?? translate('gsp.sign.password_help')}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={pending}>
            {translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={pending || missingComment || missingPassword || missingInput}>
            {translate(spec.signed ? 'gsp.sign.confirm' : 'ra.action.confirm')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
};
