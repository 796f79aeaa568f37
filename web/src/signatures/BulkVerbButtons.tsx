/** A list's bulk workflow actions (approve / review / waive the selected records: one password, a signature each). */
import { useState } from 'react';
import GavelIcon from '@mui/icons-material/Gavel';
import { Button, useListContext, useLocaleState, useNotify, useRefresh, useResourceContext } from 'react-admin';
import { bulkVerbs, type VerbSpec } from '../auth/verbs';
import { useRoles } from '../auth/use-roles';
import { pick } from '../meta/labels';
import { SignDialog } from './SignDialog';

export const BulkVerbButtons = ({ only }: { only?: string[] }) => {
  const resource = useResourceContext()!;
  const roles = useRoles();
  const specs = bulkVerbs(roles, resource).filter((s) => !only || only.includes(s.verb));
  return (
    <>
      {specs.map((spec) => (
        <BulkVerbButton key={spec.verb} spec={spec} resource={resource} />
      ))}
    </>
  );
};

const BulkVerbButton = ({ spec, resource }: { spec: VerbSpec; resource: string }) => {
  const { selectedIds, onUnselectItems } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        label={pick(spec.label, locale)}
        onClick={() => setOpen(true)}
        color={spec.verb === 'waive' ? 'warning' : 'primary'}
        data-testid={`bulk-${spec.verb}`}
      >
        <GavelIcon />
      </Button>
      <SignDialog
        open={open}
        spec={spec}
        resource={resource}
        ids={selectedIds}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          notify('gsp.sign.done_bulk', { type: 'success', messageArgs: { action: pick(spec.label, locale), smart_count: selectedIds.length } });
          onUnselectItems();
          refresh();
        }}
      />
    </>
  );
};
