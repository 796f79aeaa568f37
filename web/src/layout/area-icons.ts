/** One icon per menu area; a resource shows its area's icon. */
import type { SvgIconComponent } from '@mui/icons-material';
import BusinessIcon from '@mui/icons-material/Business';
import MedicationIcon from '@mui/icons-material/Medication';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import SettingsIcon from '@mui/icons-material/Settings';

export const AREA_ICONS: Record<string, SvgIconComponent> = {
  parties: BusinessIcon,
  products: MedicationIcon,
  sales: ReceiptLongIcon,
  fulfilment: LocalShippingIcon,
  aftersales: SupportAgentIcon,
  system: SettingsIcon,
};
