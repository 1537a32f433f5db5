export {
  FakeConsulServer,
  type CheckStatus,
  type FakeConsulServerOptions,
  type FakeConsulService,
  type RecordedRequest,
} from './fake-consul-server';
export { ManualClock } from './manual-clock';
export { runRegistryContract, type RegistryContractSubject } from './registry-contract';
