export * from './common.ts';
export * from './record.ts';
export * from './status.ts';
export * from './summary.ts';
export * from './contacts.ts';
