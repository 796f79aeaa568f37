/** The UI language as react-admin's localStorage store keeps it (providers/locale.ts: RaStore + GspConsole), for the shell. */
export const LOCALE_KEY = 'RaStoreGspConsole.locale';
export type Lang = 'zh' | 'en';

export const readLang = (): Lang => {
  try {
    return JSON.parse(localStorage.getItem(LOCALE_KEY) ?? '"zh"') === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
};
