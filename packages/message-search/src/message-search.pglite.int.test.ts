import { openPGlite } from '@hub/sql';
import { messageSearchSuite } from './message-search.suite.ts';

messageSearchSuite('PGlite', () => openPGlite()).run();
