/**
 * Licences, authorisation letters, powers of attorney, permits and labour contracts ending within the
 * warning windows (settings.licenseExpiryWarningDays: 30 / 60 / 90 days) of the as-of date, or already ended.
 */
import { useEffect, useState } from 'react';
import { Box, Chip, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { FunctionField, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { daysBetween, dateOf } from '../../../schema/rules/dates';
import { findField, findResource } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { businessToday } from '../providers/auth-provider';
import { ReviewList } from './ReviewList';
import { ReviewPage, type ReviewTab } from './ReviewTabs';
import { EXPIRY_TARGETS, expiryFilter, expiryWindows, type ExpiryWindow } from './expiry';

const DaysLeft = ({ field, asOf }: { field: string; asOf: string; label?: string }) => {
  const translate = useTranslate();
  return (
    <FunctionField
      label={translate('gsp.qa.days_left')}
      sortable={false}
      render={(record: Record<string, unknown>) => {
        const to = dateOf(record[field] as string | null);
        if (!to) return '';
        const left = daysBetween(asOf, to);
        return (
          <Chip
            size="small"
            color={left < 0 ? 'error' : left <= 30 ? 'warning' : 'default'}
            label={left < 0 ? translate('gsp.qa.expired_days', { days: -left }) : translate('gsp.qa.left_days', { days: left })}
          />
        );
      }}
    />
  );
};

/**
 * `targets` narrows the watched documents (the office's salesperson page lists letters, permits and labour
 * contracts only); `title` and `help` are translation keys or plain text.
 */
export const ExpiringPage = ({
  targets = EXPIRY_TARGETS,
  title = 'gsp.qa.expiring.title',
  help = 'gsp.qa.expiring.help',
}: {
  targets?: readonly { resource: string; field: string }[];
  title?: string;
  help?: string;
} = {}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [asOf, setAsOf] = useState<string>();
  const { data: settings } = useGetList('settings', { pagination: { page: 1, perPage: 100 }, sort: { field: 'key', order: 'ASC' } }, { retry: false });
  const windows = expiryWindows(settings);
  const [window, setWindow] = useState<ExpiryWindow>();
  const chosen = window ?? windows[0];
  useEffect(() => {
    businessToday().then(setAsOf);
  }, []);
  if (!asOf) return null;

  const tabs: ReviewTab[] = targets
    .filter((t) => findResource(t.resource))
    .map(({ resource, field }) => {
      const filter = expiryFilter(field, asOf, chosen);
      const fieldMeta = findField(resource, field);
      return {
        key: `${resource}.${field}`,
        label: `${pick(findResource(resource)!.label, locale)}${fieldMeta && field !== 'valid_to' ? `·${pick(fieldMeta.label, locale)}` : ''}`,
        count: { resource, filter },
        content: (
          <ReviewList
            key={`${asOf}-${chosen}`}
            resource={resource}
            filter={filter}
            storeKey={`qa.expiring.${resource}.${field}`}
            sort={{ field, order: chosen === 'expired' ? 'DESC' : 'ASC' }}
            extra={[<DaysLeft key="days_left" field={field} asOf={asOf} />]}
          />
        ),
      };
    });

  const toolbar = (
    <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1, flexWrap: 'wrap' }}>
      <TextField
        type="date"
        size="small"
        label={translate('gsp.qa.as_of')}
        value={asOf}
        onChange={(e) => e.target.value && setAsOf(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        sx={{ width: 180 }}
        data-testid="as-of"
      />
      <ToggleButtonGroup size="small" exclusive value={chosen} onChange={(_e, v) => v != null && setWindow(v)}>
        {windows.map((days) => (
          <ToggleButton key={days} value={days} data-testid={`window-${days}`}>
            {translate('gsp.qa.within_days', { days })}
          </ToggleButton>
        ))}
        <ToggleButton value="expired" data-testid="window-expired">
          {translate('gsp.qa.already_expired')}
        </ToggleButton>
      </ToggleButtonGroup>
      <Box sx={{ color: 'text.secondary', fontSize: 13 }}>{translate('gsp.qa.windows_from_settings')}</Box>
    </Stack>
  );
  return <ReviewPage title={title} help={help} tabs={tabs} toolbar={toolbar} />;
};
