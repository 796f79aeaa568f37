/**
 * The UI locale lives in react-admin's store (localStorage), which LocalesMenuButton writes; reading it here
 * lets the HTTP client send a matching Accept-Language and the i18n provider start in the saved language.
 */
import { localStorageStore } from 'ra-core';
import type { UiLocale } from '../i18n/messages';

export const store = localStorageStore(undefined, 'GspConsole');

export function currentLocale(): UiLocale {
  return store.getItem('locale') === 'en' ? 'en' : 'zh';
}
