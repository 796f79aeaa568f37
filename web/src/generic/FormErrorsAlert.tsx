/**
 * What the server refused, at the foot of the form (next to Save): a rule that names no field of the form (`_rules`), a
 * missing change reason (`_reason`), and every other server message (`[RULE_CODE] …` on a field, also shown
 * under that field), so a refusal is never only a red field scrolled out of view.
 */
import { Alert, AlertTitle, Box } from '@mui/material';
import { useController, useFormState } from 'react-hook-form';
import { useTranslate } from 'react-admin';
import { RULES_KEY, refusalTexts } from './form-errors';

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
  const unique = refusalTexts(errors);
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
