/** A resource's screen of one kind: its override (resources/overrides.tsx) or the generic one. Loaded lazily. */
import { useResourceContext } from 'react-admin';
import { OVERRIDES } from '../resources/overrides';
import { GenericList } from './GenericList';
import { GenericShow } from './GenericShow';
import { GenericCreate, GenericEdit } from './GenericEditCreate';

export type ScreenKind = 'list' | 'show' | 'edit' | 'create';

const GENERIC = { list: <GenericList />, show: <GenericShow />, edit: <GenericEdit />, create: <GenericCreate /> } as const;

export default function Screen({ kind }: { kind: ScreenKind }) {
  const resource = useResourceContext() ?? '';
  return OVERRIDES[resource]?.[kind] ?? GENERIC[kind];
}
