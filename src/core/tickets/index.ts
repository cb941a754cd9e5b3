export * from './criteria';
export * from './events';
export * from './ticket';
export * from './desk';
export * from './lifecycle';
export * from './workflow';
