/** The authorisation flow's part of the plain writes (server/services/hooks.ts): the office's letters are checked. */
import type { WriteHooks } from '../../hooks';
import { checkLetter } from './letter-check';

export const AUTHORISATION_HOOKS: Record<string, WriteHooks> = {
  authorizations: {
    async beforeWrite(ctx, values, current, opts) {
      const issued = !current || (values.salesperson !== undefined && values.salesperson !== current.salesperson);
      if (!opts.historical) await checkLetter(ctx, { ...(current ?? {}), ...values }, issued);
    },
  },
};
