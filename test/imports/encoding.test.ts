import { describe, expect, it } from 'vitest';
import { createTextDecoder, decodeBytes, detectEncoding } from '../../imports/readers/encoding';
import { Gb18030Validator, sniffUtf16 } from '../../schema/files/text-encoding';
import { ImportFileError } from '../../schema/files/errors';
import { GB18030_U20000, concat, gbkLines, sample, src, utf16 } from './helpers';

describe('detectEncoding', () => {
  it('UTF-8 with BOM', async () => {
    const e = await detectEncoding(src(sample('ledger-utf8.csv')));
    expect(e).toEqual({ name: 'utf-8', bom: true, evidence: 'bom' });
  });

  it('UTF-8 without BOM is validated, not guessed', async () => {
    const e = await detectEncoding(src(concat('单据编号,销售日期\nXS1,2024-03-05\n')));
    expect(e).toEqual({ name: 'utf-8', bom: false, evidence: 'valid' });
  });

  it('pure ASCII is UTF-8', async () => {
    expect((await detectEncoding(src(concat('a,b\n1,2\n')))).name).toBe('utf-8');
  });

  it('GBK bytes (the sample ledger) are GB18030, and decode to the right Chinese', async () => {
    const { text, encoding } = await decodeBytes(sample('ledger-gbk.csv'));
    expect(encoding).toEqual({ name: 'gb18030', bom: false, evidence: 'valid' });
    expect(text.startsWith('销售单号,日期,出库日期,客户名称,药品名称')).toBe(true);
    expect(text).toContain('长沙市恒信医院');
  });

  it('a 4-byte GB18030 character (𠀀) survives, where TextDecoder("gbk") would garble it', async () => {
    const bytes = concat(gbkLines(1), GB18030_U20000, ',', GB18030_U20000, '\n');
    const { text, encoding } = await decodeBytes(bytes);
    expect(encoding.name).toBe('gb18030');
    expect(text.endsWith('𠀀,𠀀\n')).toBe(true);
    expect(new TextDecoder('gbk').decode(Uint8Array.from(GB18030_U20000))).not.toBe('𠀀');
  });

  it('UTF-16 LE and BE with BOM', async () => {
    for (const endian of ['le', 'be'] as const) {
      const { text, encoding } = await decodeBytes(utf16('名称\t数量\r\n阿莫西林\t10\r\n', endian));
      expect(encoding).toEqual({ name: `utf-16${endian}`, bom: true, evidence: 'bom' });
      expect(text).toBe('名称\t数量\r\n阿莫西林\t10\r\n');
    }
  });

  it('UTF-16 LE without BOM is recognised by its zero bytes', async () => {
    const bytes = utf16('order_no,qty\nA1,1\n', 'le', false);
    expect(sniffUtf16(bytes)?.name).toBe('utf-16le');
    expect((await detectEncoding(src(bytes))).name).toBe('utf-16le');
  });

  it('bytes that are neither UTF-8 nor GB18030 are refused with the row', async () => {
    const bytes = concat('a,b\n1,2\n', [0xc4, 0xe3, 0xff, 0x41], '\n');
    const err = await detectEncoding(src(bytes)).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.code).toBe('bad_encoding');
    expect(err.zh).toContain('第 3 行');
  });

  it('a UTF-8 sequence split at the 1 MB read boundary is still valid UTF-8', async () => {
    const filler = 'a'.repeat(1024 * 1024 - 1);
    const e = await detectEncoding(src(concat(filler, '药品\n')));
    expect(e.name).toBe('utf-8');
  });
});

describe('Gb18030Validator', () => {
  it('accepts 1-, 2- and 4-byte sequences split anywhere', () => {
    const bytes = concat(gbkLines(2), GB18030_U20000, [0x80]);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const v = new Gb18030Validator();
      expect(v.push(bytes.subarray(0, cut))).toBe(-1);
      expect(v.push(bytes.subarray(cut))).toBe(-1);
      expect(v.end()).toBe(-1);
    }
  });
  it('reports the offset of a bad trail byte and an incomplete end', () => {
    expect(new Gb18030Validator().push(Uint8Array.from([0x41, 0xc4, 0x0a]))).toBe(2);
    const v = new Gb18030Validator();
    v.push(Uint8Array.from([0x41, 0x95, 0x32]));
    expect(v.end()).toBe(3);
  });
});

describe('createTextDecoder', () => {
  it('streams: a character split across chunks is decoded once, whole', () => {
    const bytes = concat('药', GB18030_U20000);
    const utf8 = new TextEncoder().encode('药𠀀');
    const dec8 = createTextDecoder({ name: 'utf-8', bom: false, evidence: 'valid' });
    expect([...utf8].map((_b, i) => dec8(utf8.subarray(i, i + 1), i === utf8.length - 1)).join('')).toBe('药𠀀');
    const gb = concat(gbkLines(1).subarray(0, 2), GB18030_U20000); // 销 + 𠀀
    const decGb = createTextDecoder({ name: 'gb18030', bom: false, evidence: 'valid' });
    expect([...gb].map((_b, i) => decGb(gb.subarray(i, i + 1), i === gb.length - 1)).join('')).toBe('销𠀀');
    expect(bytes.length).toBe(7);
  });
});
