export * from './auth';
export * from './tenancy';
export * from './persons';
export * from './audit';
export * from './concerns';
export * from './notifications';
export * from './associations';
export * from './sspf';
