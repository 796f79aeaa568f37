/**
 * 特药到货核实 on the outbound slip's own page: the same step as on the order's 特药核实 tab, offered on the
 * slip when its order carries special-control drugs (the catalogue's ready() cannot see the order's products,
 * hence inPanel; the order's chain says whether it is special).
 */
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useRefresh } from 'react-admin';
import { getChain } from './api';
import { PanelVerbButton } from './PanelVerbButton';

export const SlipArrivalButton = () => {
  const slip = useRecordContext();
  const refresh = useRefresh();
  const order = slip?.order as number | undefined;
  const { data: chain } = useQuery({ queryKey: ['fulfilment-chain', order], queryFn: () => getChain(order!), enabled: !!order });
  if (!slip || !chain?.special.special) return null;
  return <PanelVerbButton resource="outbound_slips" verb="verify-arrival" record={slip} subject={String(slip.slip_no)} onDone={refresh} />;
};
