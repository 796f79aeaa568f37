/**
 * Training records of every post (第一篇 4 售后服务技能培训; 第二篇 3.12, 第四篇 一.1 销售人员培训合格上岗): a
 * salesperson's training names the salesperson record (it counts for the qualification to sell), another
 * post's names the trainee.
 */
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { fieldError } from './text';

export function checkTrainee(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined): void {
  const m = { ...(current ?? {}), ...values };
  const post = (m.post as string | null) ?? 'sales';
  if (post === 'sales' && m.salesperson == null)
    fieldError(ctx, 'salesperson', '销售人员的培训须选择销售人员', "A salesperson's training names the salesperson");
  if (post !== 'sales' && m.salesperson == null && !(typeof m.trainee === 'string' && m.trainee.trim())) {
    fieldError(ctx, 'trainee', '请填写受训人员姓名', 'Name the trainee');
  }
}
