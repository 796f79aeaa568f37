/** The documents flow's UI texts ({ zh, en }, read with pick()). */
export const T = {
  print: { zh: '打印', en: 'Print' },
  pdf: { zh: '下载 PDF', en: 'Download PDF' },
  customerFile: { zh: '下载完整档案', en: 'Download complete file' },
  customerFileHint: {
    zh: '购货者档案、证照、授权书、合同、销售记录、出库单、发票、售后记录及审核签名记录，打包为 ZIP',
    en: 'Customer sheet, licences, letters, contracts, sales, slips, invoices, after-sales and the signature trail as one ZIP',
  },
  preparing: { zh: '正在生成…', en: 'Preparing…' },
  downloaded: { zh: '已下载：{name}', en: 'Downloaded: {name}' },
  salesList: { zh: '销售记录清单', en: 'Sales record list' },
  salesListTitle: { zh: '打印销售记录清单', en: 'Print the sales record list' },
  from: { zh: '开始日期', en: 'From' },
  to: { zh: '结束日期', en: 'To' },
  badRange: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  cancel: { zh: '取消', en: 'Cancel' },
} as const;
