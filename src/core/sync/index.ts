export * from './hlc';
export * from './protocol';
export * from './roles';
export * from './merge';
export * from './rows';
export * from './storable';
export * from './session';
