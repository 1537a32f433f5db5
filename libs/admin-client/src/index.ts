export * from './admin-api.generated';
