/** 资料交付清单 on a customer's page: what of our documents it was given, printed (new tab). */
import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import { Button, useCanAccess, useLocaleState, useRecordContext } from 'react-admin';
import { pick } from '../meta/labels';
import { documentUrl } from '../workflows/documents/download';
import { T } from './texts';

export const DeliveryListButton = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const { canAccess } = useCanAccess({ resource: 'document_deliveries', action: 'list' });
  if (!record || !canAccess) return null;
  return (
    <Button
      label={pick(T.deliveryList, locale)}
      onClick={() => window.open(documentUrl('document-deliveries', record.id), '_blank', 'noopener')}
      data-testid="doc-print-document-deliveries"
      sx={{ ml: 1 }}
    >
      <AssignmentTurnedInIcon />
    </Button>
  );
};
