export * from './collective.rule';
export * from './escalation.rule';
export * from './model';
export * from './poisson';
export * from './policy';
export * from './repeat.rule';
export * from './similarity';
export * from './spike.rule';
