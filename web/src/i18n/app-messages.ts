/** The console's own message keys (`gsp.*`), in both UI languages. Keep the two objects key-for-key equal. */
export const appZh = {
  gsp: {
    app: { title: 'GSP 管理控制台', loading_meta: '正在加载系统配置…', meta_error: '无法加载系统配置，请刷新重试' },
    system: {
      id: 'ID', version: '版本', created_at: '创建时间', created_by: '创建人', updated_at: '修改时间',
      updated_by: '修改人', voided_at: '作废时间', voided_by: '作废人', void_reason: '作废原因',
    },
    list: { search: '搜索', show_voided: '显示已作废', from: '%{field}起', to: '%{field}止' },
    void: {
      action: '作废', title: '作废%{name}', reason: '作废原因', reason_help: '作废不会删除记录，原因将记入修改历史',
      confirm: '确认作废', done: '已作废', banner: '此记录已作废', banner_detail: '作废时间：%{at}；作废人：%{by}；原因：%{reason}',
    },
    error: {
      conflict: '该记录已被他人修改，请刷新后重试',
      forbidden: '您没有执行此操作的权限',
      invalid: '提交的数据有误，请检查标出的字段',
    },
    tabs: { details: '详细信息', related: '相关记录', history: '修改历史' },
    history: {
      empty: '暂无修改记录', field: '字段', before: '修改前', after: '修改后', reason: '原因：%{reason}',
      by: '%{actor} 于 %{at}', no_changes: '无字段变化', unknown_actor: '系统',
    },
    sales: { lines: '销售明细', total: '合计金额', line_count: '%{count} 行' },
    json: { invalid: '不是有效的 JSON' },
    edit: { reason: '修改原因', reason_help: '选填，将记入修改历史' },
  },
};

export const appEn: typeof appZh = {
  gsp: {
    app: { title: 'GSP Console', loading_meta: 'Loading configuration…', meta_error: 'Could not load the configuration; please reload' },
    system: {
      id: 'ID', version: 'Version', created_at: 'Created at', created_by: 'Created by', updated_at: 'Updated at',
      updated_by: 'Updated by', voided_at: 'Voided at', voided_by: 'Voided by', void_reason: 'Void reason',
    },
    list: { search: 'Search', show_voided: 'Show voided', from: '%{field} from', to: '%{field} to' },
    void: {
      action: 'Void', title: 'Void %{name}', reason: 'Reason for voiding',
      reason_help: 'Voiding keeps the record; the reason is written to its history',
      confirm: 'Void', done: 'Voided', banner: 'This record is voided', banner_detail: 'Voided at %{at} by %{by}. Reason: %{reason}',
    },
    error: {
      conflict: 'Someone else changed this record. Please reload it and try again.',
      forbidden: 'You are not allowed to do this',
      invalid: 'Some values are invalid; please check the highlighted fields',
    },
    tabs: { details: 'Details', related: 'Related records', history: 'History' },
    history: {
      empty: 'No changes recorded', field: 'Field', before: 'Before', after: 'After', reason: 'Reason: %{reason}',
      by: '%{actor} at %{at}', no_changes: 'No field changes', unknown_actor: 'System',
    },
    sales: { lines: 'Lines', total: 'Order total', line_count: '%{count} lines' },
    json: { invalid: 'Not valid JSON' },
    edit: { reason: 'Reason for the change', reason_help: 'Optional; written to the history' },
  },
};
