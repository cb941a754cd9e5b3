export * from './criteria';
export * from './events';
export * from './ticket';
