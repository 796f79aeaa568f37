/** A review list with nothing waiting: say so (not react-admin's "create one?" invitation). */
import { Box, Typography } from '@mui/material';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import { useTranslate } from 'react-admin';

export const EmptyReview = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 3, color: 'success.main' }} data-testid="review-empty">
      <CheckCircleOutlineIcon />
      <Typography>{translate('gsp.qa.nothing_waiting')}</Typography>
    </Box>
  );
};
