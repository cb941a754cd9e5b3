export * from './alerts';
export * from './channels';
export * from './desk-api';
export * from './external-url';
