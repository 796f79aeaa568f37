/** 投诉档案: a product's complaints, newest first (complaints are archived by product, 第四篇 二.2). */
import { Datagrid, DateField, ReferenceField, ReferenceManyField, SelectField, TextField, useLocaleState } from 'react-admin';
import { COMPLAINT_CHANNEL, COMPLAINT_STATUS } from '../../../../schema/enums';
import type { EnumDef } from '../../../../schema/enums';

const choices = (e: EnumDef, locale: string) => e.values.map((id) => ({ id, name: e.labels[id][locale === 'en' ? 1 : 0] }));

export const ProductComplaintsTab = () => {
  const [locale] = useLocaleState();
  const zh = locale !== 'en';
  return (
    <ReferenceManyField reference="complaints" target="product" sort={{ field: 'received_at', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="product-complaints">
        <TextField source="complaint_no" label={zh ? '编号' : 'No.'} />
        <DateField source="received_at" label={zh ? '受理日期' : 'Received'} />
        <ReferenceField source="customer" reference="customers" label={zh ? '单位名称' : 'Customer'} link={false} />
        <ReferenceField source="batch" reference="batches" label={zh ? '批号' : 'Batch'} link={false} />
        <SelectField source="channel" choices={choices(COMPLAINT_CHANNEL, locale)} label={zh ? '渠道' : 'Channel'} />
        <TextField source="description" label={zh ? '问题描述' : 'Description'} />
        <TextField source="measures" label={zh ? '处理措施' : 'Measures'} />
        <SelectField source="status" choices={choices(COMPLAINT_STATUS, locale)} label={zh ? '状态' : 'Status'} />
      </Datagrid>
    </ReferenceManyField>
  );
};
