export * from './patrol-shift';
export * from './targets';
