import { inMemoryBackend, storeBackends } from '../support/store-backends';
import { describeEventStoreContract } from './event-store.contract';

[...storeBackends, inMemoryBackend].forEach(describeEventStoreContract);
