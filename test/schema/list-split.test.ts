import { describe, expect, it } from 'vitest';
import { SCOPE_CATEGORIES } from '../../schema/enums';
import { getResource } from '../../schema/resources';
import { splitListText } from '../../schema/text/list';
import { parseRecord } from '../../schema/validate';

describe('list fields', () => {
  it('split on every separator but keep a vocabulary item that contains one', () => {
    expect(splitListText('中成药、蛋白同化制剂/肽类激素/化学药制剂；生物制品,疫苗', SCOPE_CATEGORIES)).toEqual([
      '中成药',
      '蛋白同化制剂/肽类激素',
      '化学药制剂',
      '生物制品',
      '疫苗',
    ]);
    expect(splitListText('湖北省/湖南省')).toEqual(['湖北省', '湖南省']);
  });

  it('accept 蛋白同化制剂/肽类激素 as one scope category', () => {
    const r = parseRecord(
      getResource('company_licenses')!,
      { kind: 'drug_business', number: 'X1', scope: '中成药、蛋白同化制剂/肽类激素' },
      { lang: 'zh', mode: 'create' },
    );
    expect(r.errors).toEqual({});
    expect(r.values.scope).toEqual(['中成药', '蛋白同化制剂/肽类激素']);
  });
});
