export * from './joint-task.transitions';
export * from './measure-effect';
export * from './model';
