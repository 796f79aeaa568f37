/** A record's fields as label/value pairs in a responsive grid (denser than one field per line). */
import type { ReactElement } from 'react';
import { Box } from '@mui/material';
import { Labeled } from 'react-admin';

export const DetailsGrid = ({ children, wide = [] }: { children: ReactElement[]; wide?: string[]; label?: false }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' },
      gap: 2,
      width: '100%',
    }}
  >
    {children.map((child) => {
      const source = (child.props as { source?: string }).source;
      return (
        <Box key={child.key ?? source} sx={source && wide.includes(source) ? { gridColumn: '1 / -1' } : { minWidth: 0 }}>
          <Labeled>{child}</Labeled>
        </Box>
      );
    })}
  </Box>
);
