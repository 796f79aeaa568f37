/** A reference picked by typing: the target is searched with `q` and shown by its registry `display` fields. */
import { AutocompleteInput, ReferenceInput, type Validator } from 'react-admin';
import { findResource } from '../meta/meta-store';

export const searchQuery = (q: string) => (q ? { q } : {});

interface RefInputProps {
  source: string;
  reference: string;
  label?: string | false;
  validate?: Validator | Validator[];
  readOnly?: boolean;
  filter?: Record<string, unknown>;
  alwaysOn?: boolean;
  helperText?: string | false;
  sx?: object;
}

export const RefInput = ({ source, reference, label, validate, readOnly, filter, helperText, sx }: RefInputProps) => {
  const target = findResource(reference);
  return (
    <ReferenceInput source={source} reference={reference} filter={filter} sort={target && { field: target.sort[0], order: target.sort[1] }}>
      <AutocompleteInput
        label={label}
        validate={validate}
        readOnly={readOnly}
        filterToQuery={searchQuery}
        helperText={helperText}
        sx={{ minWidth: 240, ...sx }}
      />
    </ReferenceInput>
  );
};
