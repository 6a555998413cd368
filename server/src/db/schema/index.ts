export * from './counties';
export * from './dashboard';
export * from './events';
export * from './grids';
export * from './matters';
export * from './orgs';
export * from './sessions';
export * from './users';
