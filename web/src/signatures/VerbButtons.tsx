/**
 * The workflow verbs of the record on a show page (首营审核批准, 合同审批, 出库复核, 豁免...), offered only to
 * the roles that may sign them and only while the record is in a state the verb applies to.
 */
import { useState } from 'react';
import { Tooltip } from '@mui/material';
import GavelIcon from '@mui/icons-material/Gavel';
import {
  Button,
  useGetIdentity,
  useGetRecordRepresentation,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate,
} from 'react-admin';
import { availableVerbs, type VerbOffer } from '../auth/verbs';
import { useRoles } from '../auth/use-roles';
import { pick } from '../meta/labels';
import { SignDialog } from './SignDialog';

export const VerbButtons = () => {
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const roles = useRoles();
  const { identity } = useGetIdentity();
  const offers = availableVerbs(roles, resource, record, identity?.id);
  if (!record || !offers.length) return null;
  return (
    <>
      {offers.map((offer) => (
        <VerbButton key={offer.spec.verb} offer={offer} resource={resource} />
      ))}
    </>
  );
};

const VerbButton = ({ offer, resource }: { offer: VerbOffer; resource: string }) => {
  const record = useRecordContext()!;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const represent = useGetRecordRepresentation(resource);
  const [open, setOpen] = useState(false);
  const { spec, blocked } = offer;
  const button = (
    <Button
      label={pick(spec.label, locale)}
      onClick={() => setOpen(true)}
      disabled={!!blocked}
      variant={spec.signed && spec.verb !== 'reject' ? 'contained' : 'outlined'}
      color={spec.verb === 'waive' || spec.verb === 'reject' ? 'warning' : 'primary'}
      data-testid={`verb-${spec.verb}`}
      sx={{ ml: 1, whiteSpace: 'nowrap', flexShrink: 0 }}
    >
      <GavelIcon />
    </Button>
  );
  return (
    <>
      {blocked ? (
        <Tooltip title={translate('gsp.sign.self_approval')}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <SignDialog
        open={open}
        spec={spec}
        resource={resource}
        ids={[record.id]}
        subject={String(represent(record) ?? '')}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          notify(spec.signed ? 'gsp.sign.done' : 'gsp.sign.done_unsigned', { type: 'success', messageArgs: { action: pick(spec.label, locale) } });
          refresh();
        }}
      />
    </>
  );
};
