export * from './cost-allocation-tags';
