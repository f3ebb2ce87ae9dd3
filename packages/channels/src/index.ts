export * from './chat/index.ts';
export * from './email/index.ts';
export * from './phone/index.ts';
export * from './social/index.ts';
export * from './webform/index.ts';
