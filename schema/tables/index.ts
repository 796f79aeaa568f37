// Import order is registration order: the menu and the migration follow it.
export * from './system';
export * from './parties';
export * from './products';
export * from './sales';
export * from './fulfilment';
export * from './aftersales';
export * from './staff-quality';
export * from './quality-records';
