export * from './counties';
export * from './events';
export * from './field';
export * from './grids';
export * from './matters';
export * from './orgs';
export * from './sessions';
export * from './users';
