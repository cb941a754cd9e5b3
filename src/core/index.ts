export * from './contracts';
export * from './calendar';
export * from './sla';
export * from './escalation';
export * from './tickets';
export * from './alerts';
