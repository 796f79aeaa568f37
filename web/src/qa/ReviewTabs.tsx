/** A QA review page: a title, what the list is for, and one tab per list with its record count. */
import { useState, type ReactNode } from 'react';
import { Badge, Box, Card, Tab, Tabs, Typography } from '@mui/material';
import { Title, useGetList, useTranslate } from 'react-admin';

export interface ReviewTab {
  key: string;
  label: string;
  /** the list's resource and fixed filter, to show its count on the tab */
  count?: { resource: string; filter: Record<string, unknown> };
  content: ReactNode;
}

export function useCount(resource: string | undefined, filter: Record<string, unknown> | undefined) {
  const { total } = useGetList(
    resource ?? 'findings',
    { filter, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } },
    { enabled: !!resource, retry: false },
  );
  return total;
}

const TabLabel = ({ tab }: { tab: ReviewTab }) => {
  const total = useCount(tab.count?.resource, tab.count?.filter);
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1.5 }}>
      {tab.label}
      {total != null && <Badge color={total ? 'error' : 'success'} badgeContent={String(total)} max={9999} sx={{ ml: 1 }} data-testid={`count-${tab.key}`} />}
    </Box>
  );
};

export const ReviewPage = ({ title, help, tabs, toolbar }: { title: string; help?: string; tabs: ReviewTab[]; toolbar?: ReactNode }) => {
  const translate = useTranslate();
  const [current, setCurrent] = useState(tabs[0]?.key);
  const active = tabs.find((t) => t.key === current) ?? tabs[0];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate(title)} />
      {help && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(help)}
        </Typography>
      )}
      {toolbar}
      {tabs.length > 1 && (
        <Card sx={{ mb: 1 }}>
          <Tabs value={active?.key} onChange={(_e, v) => setCurrent(v)} variant="scrollable" scrollButtons="auto">
            {tabs.map((t) => (
              <Tab key={t.key} value={t.key} label={<TabLabel tab={t} />} data-testid={`tab-${t.key}`} sx={{ pr: 4 }} />
            ))}
          </Tabs>
        </Card>
      )}
      {active && <Box key={active.key}>{active.content}</Box>}
    </Box>
  );
};
