/**
 * 第三篇 六「每件来函、复函、编号，按产品分别归档」: every reply to a customer's letter or complaint is a numbered
 * record (复函编号 FH-YYYYMM-NNN, like the other document numbers), filed by product, and printable.
 */
import { defineResource, f, req } from '../define';
import { NOTICE_METHOD } from '../enums';

export const replies = defineResource({
  name: 'replies',
  label: ['复函', 'Replies'],
  area: 'aftersales',
  fields: {
    reply_no: f.text('复函编号', 'Reply no.', { ...req, autoNumber: true }),
    customer: f.ref('customers', '单位名称', 'Customer', req),
    complaint: f.ref('complaints', '投诉编号', 'Complaint'),
    letter_no: f.text('来函编号', 'Letter no.'),
    letter_date: f.date('来函日期', 'Letter dated'),
    product: f.ref('products', '通用名称', 'Product'),
    subject: f.text('事由', 'Subject', req),
    content: f.textarea('复函内容', 'Reply', req),
    reply_date: f.date('复函日期', 'Replied on', req),
    method: f.enum(NOTICE_METHOD, '方式', 'Sent by'),
    replied_by: f.text('经办人', 'Written by', req),
  },
  list: ['reply_no', 'customer', 'subject', 'product', 'reply_date', 'replied_by'],
  filters: ['customer', 'complaint', 'product', 'reply_date'],
  search: ['reply_no', 'subject', 'letter_no', 'customer.name'],
  display: ['reply_no'],
  naturalKey: [['reply_no']],
  sort: ['reply_date', 'DESC'],
});
