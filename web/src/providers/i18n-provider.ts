/**
 * ra-i18n-polyglot over our catalogues, with resource and field names answered from /api/meta, so every
 * react-admin title, column header, input label and sort button uses the registry's labels in both languages.
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider } from 'ra-core';
import { LOCALES, messages, type UiLocale } from '../i18n/messages';
import { findField, findResource } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { currentLocale } from './locale';
import { isSystemField } from '../../../schema/system-fields';

const polyglot = polyglotI18nProvider((locale) => messages[locale as UiLocale] ?? messages.zh, currentLocale(), LOCALES, {
  allowMissing: true,
});

const RESOURCE_KEY = /^resources\.([^.]+)\.(name|fields\.(.+))$/;

function translateFromMeta(key: string, locale: string): string | undefined {
  const match = RESOURCE_KEY.exec(key);
  if (!match) return undefined;
  const [, resource, part, fieldKey] = match;
  if (part === 'name') {
    const r = findResource(resource);
    return r && pick(r.label, locale);
  }
  const field = findField(resource, fieldKey);
  if (field) return pick(field.label, locale);
  if (isSystemField(fieldKey)) return polyglot.translate(`gsp.system.${fieldKey}`);
  // An embedded child list (sales_orders.sales_lines) is labelled by the child resource, and the inputs
  // of its rows (sales_lines.product) by the child's fields.
  const [childName, ...rest] = fieldKey.split('.');
  const child = findResource(childName);
  if (!child) return undefined;
  if (!rest.length) return pick(child.label, locale);
  const childField = findField(childName, rest.filter((p) => !/^\d+$/.test(p)).join('.'));
  return childField && pick(childField.label, locale);
}

export const i18nProvider: I18nProvider = {
  ...polyglot,
  translate: (key: string, options?: Parameters<I18nProvider['translate']>[1]) =>
    translateFromMeta(key, polyglot.getLocale()) ?? polyglot.translate(key, options),
};
