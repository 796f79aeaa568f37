// Import order is registration order: the menu and the migration follow it.
export * from './system';
export * from './parties';
export * from './products';
export * from './sales';
export * from './fulfilment';
export * from './aftersales';
export * from './attachments';
// issue #14 (after-sales records): appended so the registry order of the resources above stays as it was
export * from './nonconformity';
export * from './delivery';
export * from './replies';
export * from './service-promises';
export * from './follow-ups';
export * from './suppliers';
export * from './staff-quality';
export * from './quality-records';
