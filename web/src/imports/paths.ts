/** The console routes of the importer (custom routes beside the registry's `/imports` resource screens). */
export const WIZARD_PATH = '/import';
export const HISTORY_PATH = '/import/history';
