import { storeBackends } from '../support/store-backends';
import { describeEventStoreContract } from './event-store.contract';

storeBackends.forEach(describeEventStoreContract);
