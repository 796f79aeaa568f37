/** react-admin's sign-in form under the console's name, with the language switch (no app bar here yet). */
import { Box, Typography } from '@mui/material';
import LocalPharmacyIcon from '@mui/icons-material/LocalPharmacy';
import { LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';

export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login avatarIcon={<LocalPharmacyIcon />}>
      <Typography variant="h6" align="center" sx={{ mt: 1 }}>
        {translate('gsp.app.title')}
      </Typography>
      <LoginForm />
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
