export * from './counties';
export * from './events';
export * from './grids';
export * from './matters';
export * from './orgs';
export * from './sessions';
export * from './users';
export * from './dashboard';
