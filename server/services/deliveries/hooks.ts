/**
 * 资料交付记录 (第二篇 3.6): a delivery names the document it gave — our licence for a licence copy, the
 * product for an approval or import-document copy (import documents only of an imported product), the
 * letter for an authorisation copy. Checked on every write (form, API, import), 400 on the field.
 */
import { registry } from '../../../schema/resources';
import { validationError } from '../../errors';
import type { WriteHooks } from '../hooks';
import { findRow } from '../records';

const NEEDS: Record<string, { field: string; zh: string; en: string }> = {
  company_licence: { field: 'company_license', zh: '请选择交付的本企业证照', en: 'Choose which of our licences was provided' },
  product_approval: { field: 'product', zh: '请选择交付批准证明文件的品种', en: 'Choose the product whose approval was provided' },
  import_docs: { field: 'product', zh: '请选择交付进口药品证明文件的品种', en: 'Choose the product whose import documents were provided' },
  authorization: { field: 'authorization', zh: '请选择交付的授权书', en: 'Choose the authorisation letter provided' },
};

export const DELIVERY_HOOKS: Record<string, WriteHooks> = {
  document_deliveries: {
    async beforeWrite(ctx, values, current, opts) {
      if (opts.historical) return;
      const merged = { ...current, ...values };
      const need = NEEDS[String(merged.kind)];
      if (!need) return;
      const en = ctx.lang === 'en';
      if (merged[need.field] == null) throw validationError(en ? need.en : need.zh, { [need.field]: en ? need.en : need.zh });
      if (merged.kind === 'import_docs') {
        const p = await findRow(ctx.db, registry.get('products')!, merged.product as number);
        if (p && !p.imported) {
          const m = en ? 'This product is not imported: it has no import documents' : '该品种不是进口品种，没有进口药品证明文件';
          throw validationError(m, { product: m });
        }
      }
    },
  },
};
