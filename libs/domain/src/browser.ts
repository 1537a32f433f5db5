// The rules a browser runs too (the web console checks text as the admin-service will on save):
// nothing here may import a Node built-in. `@houston/domain/browser`.
export * from './errors/domain-error';
export * from './formats/namespace-format';
export * from './formats/validate-names';
export * from './formats/properties';
export * from './formats/validate-document';
export * from './items/item-draft';
export * from './items/validate-item';
export * from './items/items-text';
export * from './webhooks/notification-events';
