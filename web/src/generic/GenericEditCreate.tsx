/** Edit and create pages: pessimistic (the server's answer — rules, 409 — is awaited before leaving). */
import type { ReactElement } from 'react';
import { Create, Edit, ListButton, ShowButton, TopToolbar } from 'react-admin';
import { GenericForm } from './GenericForm';
import { VoidedBanner } from './VoidedBanner';

const EditActions = () => (
  <TopToolbar>
    <ShowButton />
    <ListButton />
  </TopToolbar>
);

export const GenericEdit = ({ form }: { form?: ReactElement }) => (
  <Edit mutationMode="pessimistic" redirect="show" actions={<EditActions />}>
    <VoidedBanner />
    {form ?? <GenericForm mode="edit" />}
  </Edit>
);

export const GenericCreate = ({ form }: { form?: ReactElement }) => (
  <Create mutationMode="pessimistic" redirect="show">
    {form ?? <GenericForm mode="create" />}
  </Create>
);
