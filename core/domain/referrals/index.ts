export * from './model';
export * from './providers';
export * from './referral.transitions';
