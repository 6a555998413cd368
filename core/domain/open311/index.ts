export * from './form';
export * from './privacy';
export * from './services';
export * from './statuses';
export * from './xml';
