export * from './provider-options';
