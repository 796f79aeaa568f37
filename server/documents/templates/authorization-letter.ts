/**
 * 销售人员授权书 (第五篇 1): the company authorises one salesperson, named with their ID number, for listed
 * varieties and regions over a term; valid only with the company seal and the legal representative's seal.
 */
import type { Row } from '../../services/records';
import { ref } from '../data';
import { cnDate, list, NONE, text, validity } from '../format';
import { html } from '../html';
import { letterhead, sheet } from '../parts';
import type { DocumentTemplate } from '../types';

interface Data {
  letter: Row;
  salesperson?: Row;
}

export const authorizationLetter: DocumentTemplate<Data> = {
  key: 'authorization-letter',
  resource: 'authorizations',
  title: '销售人员授权书',
  gather: async (ctx, letter) => ({ letter, salesperson: await ref(ctx.db, 'salespeople', letter.salesperson) }),
  fileName: (d) => `销售人员授权书-${d.letter.document_no}-${d.salesperson?.name ?? ''}`,
  render(d, ctx) {
    const a = d.letter;
    const p = d.salesperson;
    const state = validity(a.valid_to, ctx.today);
    const company = ctx.company;
    return sheet(
      letterhead(company, '销售人员授权书', [
        ['编号', String(a.document_no)],
        ['状态', state.warn ? html`<span class="warn">${state.text}</span>` : state.text],
      ]),
      html`<div class="letter">
<p class="flush">致：各购货单位</p>
<p>兹授权我公司销售人员 <b>${text(p?.name)}</b>（身份证号：<b>${text(p?.id_no)}</b>${p?.employee_no ? html`，工号：${String(p.employee_no)}` : ''}${p?.permit_no ? html`，上岗证号：${String(p.permit_no)}` : ''}）代表我公司，在下列授权范围内从事药品、医疗器械销售业务：</p>
<p>一、授权品种：${list(a.varieties)}。</p>
<p>二、授权地域：${list(a.regions)}。</p>
<p>三、授权期限：自 ${cnDate(a.valid_from)} 起至 ${cnDate(a.valid_to)} 止。</p>
<p>被授权人应在上述品种、地域和期限内开展业务，不得转授权；超出授权范围或期限的行为，我公司不予承认。本授权书须加盖公司公章及法定代表人印章方为有效，复印件无效。</p>
<p>联系电话：${text(p?.phone)}（被授权人）；${company.phone}（公司）。</p>
</div>
<p class="note">本企业证照：${company.licences.length ? company.licences.map((l) => `${l.kind} ${l.number}`).join('；') : NONE}</p>
<div class="signs" style="--cols:2">
  <div><b>授权单位（盖章）</b>${company.name}<br>地址：${company.address}</div>
  <div><b>法定代表人（签字或盖章）</b>${company.legalRep}</div>
</div>
<p class="right" style="margin-top:6mm">签发日期：${cnDate(a.valid_from)}</p>
<p class="right">${a.sealed ? html`<span class="stamp">已加盖公司公章及法定代表人印章</span>` : html`<span class="warn">未盖章：本授权书尚未加盖公司公章及法定代表人印章，不得使用</span>`}</p>`,
    );
  },
};
