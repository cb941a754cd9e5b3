export * from './sentiment';
export * from './customer-words';
export * from './risk';
export * from './signals';
export * from './settings';
export * from './text';
export * from './routing';
export * from './similar';
