/**
 * Settings (rule thresholds, editable by admin): the key is fixed once created, and the value gets an
 * editor that fits it — a number of days or yuan, or a list of days for the expiry warning windows.
 */
import { useEffect, useRef, useState } from 'react';
import { Box, Chip, TextField as MuiTextField, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  FieldTitle,
  InputHelperText,
  NumberInput,
  TextInput,
  minValue,
  number,
  required,
  useInput,
  useLocaleState,
  useTranslate,
  type Validator,
} from 'react-admin';
import { JsonInput } from '../../generic/text-backed-inputs';
import { GenericForm } from '../../generic/GenericForm';
import { formatDays, parseDays, settingKind, settingLabel } from './setting-value';

class BadDays {
  constructor(readonly text: string) {}
}

/** A list of days typed as "30, 60, 90"; only a readable list reaches the form value. */
const DaysListInput = ({ source }: { source: string }) => {
  const translate = useTranslate();
  const mustParse: Validator = (v) => (v instanceof BadDays || !Array.isArray(v) || !v.length ? translate('gsp.settings.days_invalid') : undefined);
  const { field, fieldState, id, isRequired } = useInput({ source, validate: [mustParse] });
  const [text, setText] = useState(() => formatDays(field.value));
  const lastSent = useRef<unknown>(field.value);
  useEffect(() => {
    if (field.value !== lastSent.current) {
      lastSent.current = field.value;
      setText(field.value instanceof BadDays ? field.value.text : formatDays(field.value));
    }
  }, [field.value]);
  const onChange = (next: string) => {
    setText(next);
    const value = parseDays(next) ?? new BadDays(next);
    lastSent.current = value;
    field.onChange(value);
  };
  return (
    <Box>
      <MuiTextField
        id={id}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        onBlur={field.onBlur}
        label={<FieldTitle label="gsp.settings.days" source={source} isRequired={isRequired} />}
        error={fieldState.invalid}
        helperText={<InputHelperText error={fieldState.error?.message} helperText="gsp.settings.days_help" />}
        margin="dense"
        fullWidth
        slotProps={{ htmlInput: { 'data-testid': 'setting-days' } }}
      />
      {Array.isArray(field.value) && (
        <Box sx={{ display: 'flex', gap: 0.5 }}>
          {field.value.map((d: number) => (
            <Chip key={d} size="small" label={translate('gsp.qa.within_days', { days: d })} />
          ))}
        </Box>
      )}
    </Box>
  );
};

const positive = [required(), number(), minValue(0)];

const ValueInput = () => {
  const key = useWatch({ name: 'key' });
  const kind = settingKind(key);
  switch (kind) {
    case 'days':
      return <DaysListInput source="value" />;
    case 'number':
      return <NumberInput source="value" validate={positive} step={1000} helperText={false} />;
    case 'integer':
      return <NumberInput source="value" validate={positive} step={1} helperText={false} />;
    default:
      return <JsonInput source="value" validate={[required()]} />;
  }
};

const Description = () => {
  const key = useWatch({ name: 'key' });
  const [locale] = useLocaleState();
  const label = settingLabel(key, locale);
  return label ? (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
      {label}
    </Typography>
  ) : null;
};

const SettingFields = ({ mode }: { mode: 'create' | 'edit' }) => (
  <Box sx={{ width: '100%', maxWidth: 640 }}>
    <TextInput source="key" validate={required()} readOnly={mode === 'edit'} fullWidth helperText={false} />
    <Description />
    <ValueInput />
    <TextInput source="description" fullWidth helperText={false} />
  </Box>
);

export const SettingForm = ({ mode }: { mode: 'create' | 'edit' }) => (
  <GenericForm mode={mode}>
    <SettingFields mode={mode} />
  </GenericForm>
);
