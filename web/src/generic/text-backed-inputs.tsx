/**
 * Inputs whose stored value is not text (a JSON document, a free list of strings): the visible text is
 * kept locally while typing, and only a successfully parsed value reaches the form.
 */
import { useEffect, useRef, useState } from 'react';
import { TextField } from '@mui/material';
import { FieldTitle, InputHelperText, TextArrayInput, useInput, useTranslate, type Validator } from 'react-admin';
import { splitListText } from '../../../schema/text/list';

/** Splits pasted or typed "a、b，c" entries into separate list items (a suggestion such as 蛋白同化制剂/肽类激素 stays whole). */
export const splitListItems = (items: unknown, suggestions: readonly string[] = []): string[] =>
  (Array.isArray(items) ? items : items == null ? [] : [items]).flatMap((item) => splitListText(String(item), suggestions));

interface FreeListInputProps {
  source: string;
  label?: string;
  validate?: Validator | Validator[];
  readOnly?: boolean;
  /** suggestions (a controlled vocabulary); values outside it stay allowed */
  suggestions?: readonly string[];
  fullWidth?: boolean;
}

export const FreeListInput = ({ suggestions, ...props }: FreeListInputProps) => (
  <TextArrayInput
    {...props}
    options={suggestions ? [...suggestions] : []}
    parse={(items: unknown) => splitListItems(items, suggestions)}
    sx={{ minWidth: 280 }}
  />
);

class InvalidJson {
  constructor(readonly text: string) {}
}
const show = (value: unknown) => (value instanceof InvalidJson ? value.text : value == null ? '' : JSON.stringify(value, null, 2));

interface JsonInputProps {
  source: string;
  label?: string;
  validate?: Validator | Validator[];
  readOnly?: boolean;
}

export const JsonInput = ({ source, label, validate, readOnly }: JsonInputProps) => {
  const translate = useTranslate();
  const mustParse: Validator = (value) => (value instanceof InvalidJson ? translate('gsp.json.invalid') : undefined);
  const validators = [mustParse, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
  const { field, fieldState, isRequired, id } = useInput({ source, validate: validators, readOnly });
  const [text, setText] = useState(() => show(field.value));
  const lastSent = useRef<unknown>(field.value);
  // Re-sync only when the value changed from outside (form reset, record reload).
  useEffect(() => {
    if (field.value !== lastSent.current) {
      lastSent.current = field.value;
      setText(show(field.value));
    }
  }, [field.value]);
  const onChange = (next: string) => {
    setText(next);
    let value: unknown;
    try {
      value = next.trim() === '' ? null : JSON.parse(next);
    } catch {
      value = new InvalidJson(next);
    }
    lastSent.current = value;
    field.onChange(value);
  };
  return (
    <TextField
      id={id}
      multiline
      minRows={3}
      fullWidth
      value={text}
      onChange={(e) => onChange(e.target.value)}
      onBlur={field.onBlur}
      slotProps={{ input: { readOnly, sx: { fontFamily: 'monospace', fontSize: 13 } } }}
      label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
      error={fieldState.invalid}
      helperText={<InputHelperText error={fieldState.error?.message} />}
      margin="dense"
    />
  );
};
