export * from './contracts';
export * from './calendar';
export * from './sla';
export * from './escalation';
export * from './tickets';
export * from './alerts';
export * from './rules';
export * from './metrics';
