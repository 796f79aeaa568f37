/**
 * 第五篇 5.4 运输送货, 第二篇 3.5 储运审查: how the goods of one outbound slip travelled — carrier, vehicle, driver,
 * departure and arrival, the packages on arrival, and for cold-chain goods the temperature record. Its own
 * record beside the slip: a reviewed slip is frozen (server/services/workflows/fulfilment/freeze.ts).
 */
import { defineResource, f, req } from '../define';
import { PACKAGING_CONDITION } from '../enums';

export const deliveries = defineResource({
  name: 'deliveries',
  label: ['运输记录', 'Deliveries'],
  area: 'fulfilment',
  fields: {
    slip: f.ref('outbound_slips', '出库单号', 'Outbound slip', req),
    customer: f.ref('customers', '收货单位', 'Consignee', { readOnly: true }),
    carrier: f.text('承运单位/承运商', 'Carrier', req),
    vehicle_no: f.text('车牌号/车辆', 'Vehicle'),
    driver: f.text('驾驶员/送货人', 'Driver', req),
    driver_phone: f.text('联系电话', 'Driver phone'),
    departed_at: f.datetime('起运时间/发车时间', 'Departed at', req),
    arrived_at: f.datetime('到达时间', 'Arrived at'),
    packaging: f.enum(PACKAGING_CONDITION, '包装状况', 'Packaging on arrival'),
    packaging_note: f.text('包装情况说明', 'Packaging note'),
    cold_chain: f.bool('冷链运输', 'Cold chain', { readOnly: true }),
    temp_recorder: f.text('温度记录仪编号', 'Temperature logger'),
    temp_start: f.number('起运温度（℃）', 'Temperature at departure (°C)'),
    temp_end: f.number('到达温度（℃）', 'Temperature on arrival (°C)'),
    temp_min: f.number('途中最低温度（℃）', 'Lowest temperature en route (°C)'),
    temp_max: f.number('途中最高温度（℃）', 'Highest temperature en route (°C)'),
    excursion_note: f.textarea('温度偏离说明', 'Temperature excursion note'),
  },
  list: ['slip', 'customer', 'carrier', 'driver', 'departed_at', 'arrived_at', 'cold_chain'],
  filters: ['slip', 'customer', 'cold_chain', 'departed_at'],
  search: ['carrier', 'driver', 'vehicle_no', 'slip.slip_no'],
  display: ['carrier', 'departed_at'],
  sort: ['departed_at', 'DESC'],
});
