/**
 * The Bloom filters that let phase 1 skip the staging file for order and invoice numbers never staged
 * (imports/run/ledger/staging.ts): every number added is found, and a number never added is (almost) never
 * "maybe" at a 1M-row ledger's size — each "maybe" is a query that waits for the staging thread (with 3 bits
 * spread over the filter, 149 such waits cost a 1M-row import 2.9 s); the filter grows from 64k bits as
 * numbers are added, each added number put in again.
 */
import { describe, expect, it } from 'vitest';
import { Bloom } from '../../imports/run/ledger/staging';

describe('staging Bloom filter', () => {
  it('finds every number added and answers "maybe" for almost none of 600k others at 600k numbers', () => {
    const bloom = new Bloom(1 << 25);
    const n = 600_000;
    // invoice numbers as ledgers write them, and order numbers with Chinese text (two-byte strings)
    for (let i = 0; i < n; i++) bloom.add(i % 2 ? `FP${String(i).padStart(8, '0')}` : `无单号-2026${i}-销售`);
    // one expect for the lot (an expect per number was most of this file's 5.7 s)
    let missed = 0;
    for (let i = 0; i < n; i++) if (!bloom.has(i % 2 ? `FP${String(i).padStart(8, '0')}` : `无单号-2026${i}-销售`)) missed++;
    expect(missed).toBe(0);
    let maybe = 0;
    for (let i = n; i < 2 * n; i++) if (bloom.has(i % 2 ? `FP${String(i).padStart(8, '0')}` : `无单号-2026${i}-销售`)) maybe++;
    // ≈ 1e-7 expected per number (8 bits in a 512-bit block, ≈ 56 bits per number at 2^25 bits); the old filter: ≈ 1e-4
    expect(maybe).toBeLessThanOrEqual(3);
  });

  it('grown part-way (a 100k-row ledger: 57k orders), still no false "maybe" to speak of', () => {
    const bloom = new Bloom(1 << 25);
    for (let i = 0; i < 57_000; i++) bloom.add(`XS2024${String(i).padStart(6, '0')}-0`);
    let missed = 0;
    for (let i = 0; i < 57_000; i++) if (!bloom.has(`XS2024${String(i).padStart(6, '0')}-0`)) missed++;
    expect(missed).toBe(0);
    let maybe = 0;
    for (let i = 57_000; i < 257_000; i++) if (bloom.has(`XS2024${String(i).padStart(6, '0')}-0`)) maybe++;
    expect(maybe).toBeLessThanOrEqual(2);
  });

  it('a small filter still never misses a number added', () => {
    const bloom = new Bloom(1 << 10);
    const added = Array.from({ length: 5_000 }, (_, i) => `XS${i}`);
    for (const s of added) bloom.add(s);
    expect(added.every((s) => bloom.has(s))).toBe(true);
  });
});
