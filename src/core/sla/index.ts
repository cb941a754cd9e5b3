export * from './clock';
export * from './policy';
export * from './state';
export * from './validate-policies';
export * from './summary';
