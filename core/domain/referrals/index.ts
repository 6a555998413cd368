export * from './model';
export * from './referral.transitions';
