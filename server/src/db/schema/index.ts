export * from './counties';
export * from './events';
export * from './grids';
export * from './orgs';
export * from './sessions';
export * from './users';
