/** Shown instead of the resources when GET /api/meta failed after sign-in (server down, proxy error...). */
import { Alert, Button, Box } from '@mui/material';
import { useTranslate } from 'react-admin';

export const MetaError = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4 }}>
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={() => window.location.reload()}>
            {translate('ra.action.refresh')}
          </Button>
        }
      >
        {translate('gsp.app.meta_error')}
      </Alert>
    </Box>
  );
};
