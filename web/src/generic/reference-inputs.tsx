/** A reference picked by typing: the target is searched with `q` and shown by its registry `display` fields. */
import { useEffect, useState } from 'react';
import { AutocompleteInput, ReferenceInput, type Validator } from 'react-admin';
import { findResource } from '../meta/meta-store';

/** False until the browser is first idle after mounting (the screen around it has been drawn), then true. */
function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') {
      const t = setTimeout(() => setIdle(true), 200);
      return () => clearTimeout(t);
    }
    const id = window.requestIdleCallback(() => setIdle(true), { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }, []);
  return idle;
}

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
  /**
   * A list filter: its choices are asked for once the list is drawn (or as soon as something is typed), not
   * in the same breath as the list's rows — three filters' choices were three more requests and renders
   * before the first row (issue 13 item 7). The chosen value's own record is fetched at once either way.
   */
  deferChoices?: boolean;
}

export const RefInput = ({ source, reference, label, validate, readOnly, filter, helperText, sx, deferChoices }: RefInputProps) => {
  const target = findResource(reference);
  const idle = useIdle();
  return (
    <ReferenceInput
      source={source}
      reference={reference}
      filter={filter}
      sort={target && { field: target.sort[0], order: target.sort[1] }}
      enableGetChoices={deferChoices ? ({ q }: { q?: string }) => idle || !!q : undefined}
    >
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
