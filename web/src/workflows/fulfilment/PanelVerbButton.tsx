/**
 * A verb button inside a workflow panel (not the show page's toolbar): for verbs whose state needs more than
 * the record (inPanel in schema/workflows/fulfilment.ts) or for a record shown inside another one's page.
 * Offered to the roles the catalogue names, while the verb applies; opens the shared SignDialog.
 */
import { useState } from 'react';
import { Button } from '@mui/material';
import GavelIcon from '@mui/icons-material/Gavel';
import { useLocaleState, useNotify, type Identifier } from 'react-admin';
import { findVerbSpec } from '../../auth/verbs';
import { useRoles } from '../../auth/use-roles';
import { pick } from '../../meta/labels';
import { SignDialog } from '../../signatures/SignDialog';

export const PanelVerbButton = ({
  resource,
  verb,
  record,
  subject,
  onDone,
}: {
  resource: string;
  verb: string;
  record: Record<string, unknown> & { id: Identifier };
  subject?: string;
  onDone(): void;
}) => {
  const spec = findVerbSpec(resource, verb);
  const roles = useRoles();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  if (!spec || record.voided_at || !spec.roles.some((r) => roles.includes(r)) || !spec.ready(record)) return null;
  return (
    <>
      <Button size="small" variant="contained" startIcon={<GavelIcon />} onClick={() => setOpen(true)} data-testid={`verb-${verb}`}>
        {pick(spec.label, locale)}
      </Button>
      <SignDialog
        open={open}
        spec={spec}
        resource={resource}
        ids={[record.id]}
        subject={subject}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          notify(spec.signed ? 'gsp.sign.done' : 'gsp.sign.done_unsigned', { type: 'success', messageArgs: { action: pick(spec.label, locale) } });
          onDone();
        }}
      />
    </>
  );
};
