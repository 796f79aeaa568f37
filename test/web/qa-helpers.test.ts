import { describe, expect, it } from 'vitest';
import { EXPIRY_TARGETS, expiryFilter, expiryWindows } from '../../web/src/qa/expiry';
import { formatDays, parseDays, settingKind, settingText } from '../../web/src/resources/settings/setting-value';
import { needsChangeReason } from '../../web/src/signatures/edit-reason';
import { refusalTexts, serverMessages } from '../../web/src/generic/form-errors';

describe('expiry review lists', () => {
  it('filter a window from as-of through as-of + N days (the last valid day counts), or what already ended', () => {
    expect(expiryFilter('valid_to', '2025-06-30', 30)).toEqual({ valid_to_gte: '2025-06-30', valid_to_lte: '2025-07-30' });
    expect(expiryFilter('attorney_valid_to', '2024-02-28', 1)).toEqual({ attorney_valid_to_gte: '2024-02-28', attorney_valid_to_lte: '2024-02-29' });
    expect(expiryFilter('valid_to', '2025-06-30', 'expired')).toEqual({ valid_to_lt: '2025-06-30' });
  });

  it('take their windows from the settings, defaults otherwise', () => {
    expect(expiryWindows(undefined)).toEqual([30, 60, 90]);
    expect(expiryWindows([{ key: 'licenseExpiryWarningDays', value: [90, 15] }])).toEqual([15, 90]);
    expect(expiryWindows([{ key: 'licenseExpiryWarningDays', value: 'nonsense' }])).toEqual([30, 60, 90]);
  });

  it('watch licences, authorisation letters, powers of attorney, permits and labour contracts', () => {
    expect(EXPIRY_TARGETS).toEqual(
      expect.arrayContaining([
        { resource: 'customer_licenses', field: 'valid_to' },
        { resource: 'authorizations', field: 'valid_to' },
        { resource: 'customer_agents', field: 'attorney_valid_to' },
        { resource: 'salespeople', field: 'permit_valid_to' },
      ]),
    );
  });
});

describe('settings editor', () => {
  it('edits each threshold as what it is', () => {
    expect(settingKind('licenseExpiryWarningDays')).toBe('days');
    expect(settingKind('majorContractAmount')).toBe('number');
    expect(settingKind('complaintDays')).toBe('integer');
    expect(settingKind('somethingElse')).toBe('json');
  });

  it('reads a list of days typed with commas or 、, sorted and without repeats', () => {
    expect(parseDays('30, 60、90')).toEqual([30, 60, 90]);
    expect(parseDays('90，30 30')).toEqual([30, 90]);
    expect(parseDays('30, 6o')).toBeNull();
    expect(parseDays('-5')).toBeNull();
    expect(parseDays('  ')).toBeNull();
    expect(formatDays([30, 60])).toBe('30, 60');
    expect(settingText([30, 60, 90])).toBe('30、60、90');
    expect(settingText(500000)).toBe('500,000');
  });
});

describe('change reason', () => {
  it('is required once a record is approved, signed, closed or carries a signature', () => {
    expect(needsChangeReason({ qa_status: 'approved' })).toBe(true);
    expect(needsChangeReason({ status: 'signed' })).toBe(true);
    expect(needsChangeReason({ status: 'closed' })).toBe(true);
    expect(needsChangeReason({ reviewed_by: 'x' }, 1)).toBe(true);
    expect(needsChangeReason({ qa_status: 'pending', status: 'draft' })).toBe(false);
    expect(needsChangeReason(undefined, 3)).toBe(false);
  });
});

describe('refusals shown on the form', () => {
  const errors = {
    customer: { type: 'server', message: '[BUYER_LICENSE_EXPIRED] 证照过期', ref: { name: 'customer' } },
    sales_lines: [{ batch: { type: 'server', message: '[BATCH_EXPIRED] 批次过期；[BATCH_BLOCKED] 批次停售' } }],
    _rules: { type: 'server', message: '[BUYER_LICENSE_EXPIRED] 证照过期' },
    name: { type: 'required', message: 'ra.validation.required' },
    root: { serverError: { type: 'server', message: '保存被拒绝' } },
  };

  it('collect every server message with its path, nested lines included, root and client errors left out', () => {
    expect(serverMessages(errors).map((m) => m.path)).toEqual(['customer', 'sales_lines.0.batch', '_rules']);
  });

  it('say each rule once', () => {
    expect(refusalTexts(errors)).toEqual(['[BUYER_LICENSE_EXPIRED] 证照过期', '[BATCH_EXPIRED] 批次过期', '[BATCH_BLOCKED] 批次停售']);
  });
});
