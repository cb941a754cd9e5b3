export * from './evaluate';
export * from './matrix';
export * from './validate-matrix';
export * from './apply';
export * from './assist-waits';
