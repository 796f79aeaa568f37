/**
 * The contract's 条款审核 panel (第五篇 3.2, 3.3): each required term present or missing, the customer's
 * first-business approval, who must approve at this amount, and where the contract stands.
 */
import { Alert, Box, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import { pick } from '../../meta/labels';
import { useWorkflowRead, type Check } from '../first-business/api';
import { ChecklistTable } from '../first-business/ChecklistTable';

interface ContractChecklist {
  status: string | null;
  amount: number | null;
  majorContractAmount: number;
  level: 'gm' | 'sales_vp';
  levelLabel: { zh: string; en: string };
  ready: boolean;
  checks: Check[];
}

const STEPS = [
  { key: 'draft', zh: '起草', en: 'Draft' },
  { key: 'pending', zh: '待审批', en: 'Pending approval' },
  { key: 'approved', zh: '已审批', en: 'Approved' },
  { key: 'signed', zh: '已签订', en: 'Signed' },
];

export const TermsPanel = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const en = locale === 'en';
  const { data, error } = useWorkflowRead<ContractChecklist>(`contracts/${record?.id}/checklist`, record?.id, record?.version);
  if (!record) return null;
  if (error) return <Alert severity="error">{String((error as Error).message ?? error)}</Alert>;
  if (!data) return null;
  // a signed contract has gone through every step
  const active = data.status === 'rejected' ? 0 : data.status === 'signed' ? STEPS.length : STEPS.findIndex((s) => s.key === data.status);
  const amount = (data.amount ?? 0).toLocaleString(en ? 'en' : 'zh-CN');
  const major = data.majorContractAmount.toLocaleString(en ? 'en' : 'zh-CN');
  return (
    <Box sx={{ width: '100%' }} data-testid="contract-terms">
      <Stepper activeStep={active} sx={{ mb: 2 }}>
        {STEPS.map((s) => (
          <Step key={s.key} completed={active > STEPS.indexOf(s)}>
            <StepLabel error={data.status === 'rejected' && s.key === 'pending'}>{en ? s.en : s.zh}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {data.status === 'rejected' && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {en ? 'Rejected: see the signature for the reason, correct the terms and submit again.' : '已驳回：驳回原因见电子签名，修改条款后可重新提交审批。'}
        </Alert>
      )}
      <Alert severity="info" sx={{ mb: 1 }} data-testid="contract-level">
        {data.level === 'gm'
          ? en
            ? `Amount ¥${amount} ≥ ¥${major}: a major contract, negotiated by the head of sales and approved by the ${data.levelLabel.en} (第五篇 3.3.2).`
            : `合同金额 ¥${amount} 达到重大合同标准（¥${major}）：由销售部负责人商洽，须经${data.levelLabel.zh}审定（第五篇 3.3.2）。`
          : en
            ? `Amount ¥${amount} < ¥${major}: approved by the ${data.levelLabel.en} (第五篇 3.3.1).`
            : `合同金额 ¥${amount} 低于重大合同标准（¥${major}）：须经${data.levelLabel.zh}审核（第五篇 3.3.1）。`}
      </Alert>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, my: 1 }}>
        {en ? 'Terms checklist (第五篇 3.2)' : '合同条款审核（第五篇 3.2）'}
      </Typography>
      {!data.ready && (data.status === 'draft' || data.status === 'rejected') && (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="contract-not-ready">
          {en ? 'Complete the items marked ✗ before submitting.' : '请补齐标 ✗ 的项目后再提交审批。'}
        </Alert>
      )}
      <ChecklistTable checks={data.checks} />
      <Typography variant="caption" color="text.secondary">
        {pick({ zh: '提交、审批、驳回、签订均使用页面上方的按钮。', en: 'Submit, approve, reject and sign with the buttons above.' }, locale)}
      </Typography>
    </Box>
  );
};
