/**
 * List filters from the registry's `filters`: dates as a from/to pair (_gte/_lte), enums as selects,
 * references as autocompletes, booleans as yes/no/any, text as "contains" (_q). Full-text `q` and the
 * voided toggle are always there.
 */
import type { ReactElement } from 'react';
import {
  AutocompleteArrayInput,
  BooleanInput,
  DateInput,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextInput,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import type { FieldMeta, ResourceMeta } from '../meta/meta-store';
import { choicesOf, pick } from '../meta/labels';
import { RefInput } from './reference-inputs';
import { fieldOverride } from '../resources/field-overrides';

const endOfDay = (day: string) => (day ? `${day}T23:59:59.999Z` : day);
const dayOnly = (value: string | undefined) => (value ? value.slice(0, 10) : '');

/** How many registry filters sit in the filter bar; the rest are behind "Add filter". */
const ALWAYS_ON = 3;

export function useListFilters(resource: ResourceMeta): ReactElement[] {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const filters: ReactElement[] = [<SearchInput key="q" source="q" alwaysOn placeholder={translate('gsp.list.search')} />];
  resource.filters.forEach((key, i) => {
    const field = resource.fields.find((f) => f.key === key);
    if (!field) return;
    const Custom = fieldOverride(resource.name, key)?.Filter;
    if (Custom) filters.push(<Custom key={key} source={key} label={pick(field.label, locale)} alwaysOn={i < ALWAYS_ON} />);
    else filters.push(...filterInputs(field, locale, translate, i < ALWAYS_ON));
  });
  if (!resource.readOnly) {
    filters.push(
      <BooleanInput
        key="voided"
        source="voided"
        label={translate('gsp.list.show_voided')}
        alwaysOn
        // The API hides voided records by default; 'any' lists them too (true would list only them).
        parse={(v: boolean) => (v ? 'any' : undefined)}
        format={(v: unknown) => v === 'any' || v === true}
        sx={{ mb: 0.5 }}
      />,
    );
  }
  return filters;
}

function filterInputs(field: FieldMeta, locale: string, translate: (key: string, options?: object) => string, alwaysOn: boolean): ReactElement[] {
  const label = pick(field.label, locale);
  const common = { alwaysOn, label };
  switch (field.kind) {
    case 'date':
    case 'datetime':
      return [
        <DateInput key={`${field.key}_gte`} source={`${field.key}_gte`} {...common} label={translate('gsp.list.from', { field: label })} />,
        <DateInput
          key={`${field.key}_lte`}
          source={`${field.key}_lte`}
          {...common}
          label={translate('gsp.list.to', { field: label })}
          // A timestamp on the last day still counts: compare against the end of that day.
          parse={field.kind === 'datetime' ? endOfDay : undefined}
          format={field.kind === 'datetime' ? dayOnly : undefined}
        />,
      ];
    case 'enum':
      return [<SelectInput key={field.key} source={field.key} choices={choicesOf(field.options, locale)} {...common} sx={{ minWidth: 160 }} />];
    case 'list':
      return field.options
        ? [<AutocompleteArrayInput key={field.key} source={field.key} choices={choicesOf(field.options, locale)} {...common} />]
        : [<TextInput key={field.key} source={`${field.key}_q`} {...common} />];
    case 'ref':
      return [<RefInput key={field.key} source={field.key} reference={field.ref!} {...common} helperText={false} deferChoices />];
    case 'bool':
      return [<NullableBooleanInput key={field.key} source={field.key} {...common} sx={{ minWidth: 120 }} />];
    case 'int':
    case 'number':
    case 'money':
      return [<TextInput key={field.key} source={field.key} type="number" {...common} />];
    default:
      return [<TextInput key={field.key} source={`${field.key}_q`} {...common} />];
  }
}
