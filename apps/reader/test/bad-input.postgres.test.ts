import { badInputSuite } from './support/bad-input-suite.js';

// Every route's every parameter, called with generated invalid and hostile values.
badInputSuite('postgres');
