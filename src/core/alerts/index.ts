export * from './alert-scheduler';
export * from './describe';
export * from './notify';
export * from './quiet-hours';
export * from './from-timer';
