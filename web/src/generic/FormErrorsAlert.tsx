/**
 * What the server refused, at the top of the form: a rule that names no field of the form (`_rules`), a
 * missing change reason (`_reason`), and every other server message (`[RULE_CODE] …` on a field, also shown
 * under that field), so a refusal is never only a red field scrolled out of view.
 */
import { Alert, AlertTitle, Box } from '@mui/material';
import { useController, useFormState, type FieldErrors } from 'react-hook-form';
import { useTranslate } from 'react-admin';

export const RULES_KEY = '_rules';

interface ServerMessage {
  path: string;
  message: string;
}

/** Every server-set error of the form, depth first (`sales_lines.0.batch`), root excluded. */
export function serverMessages(errors: FieldErrors | Record<string, unknown>, prefix = ''): ServerMessage[] {
  const out: ServerMessage[] = [];
  for (const [key, value] of Object.entries(errors ?? {})) {
    if (!value || typeof value !== 'object' || key === 'root' || key === 'ref') continue;
    const entry = value as { type?: unknown; message?: unknown };
    if (entry.type === 'server' && typeof entry.message === 'string') out.push({ path: `${prefix}${key}`, message: entry.message });
    else out.push(...serverMessages(value as Record<string, unknown>, `${prefix}${key}.`));
  }
  return out;
}

/**
 * `_rules` is no input: registering it lets react-hook-form clear the error on the next submit (an
 * unregistered error would block every later submit).
 */
const RulesSlot = () => {
  useController({ name: RULES_KEY });
  return null;
};

export const FormErrorsAlert = () => {
  const translate = useTranslate();
  const { errors } = useFormState();
  const messages = serverMessages(errors);
  // One rule can be named on several fields: say it once.
  const unique = [...new Set(messages.map((m) => m.message.split('；')).flat())];
  return (
    <>
      <RulesSlot />
      {unique.length > 0 && (
        <Alert severity="error" sx={{ mb: 2, width: '100%' }} data-testid="form-errors">
          <AlertTitle>{translate('gsp.form.refused')}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {unique.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </Box>
        </Alert>
      )}
    </>
  );
};
