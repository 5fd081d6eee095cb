// Bundled by scripts/bench/native-bundle.mjs for scripts/bench/crm.mjs (issue 19): the native
// bench's modules and the customer profile's and audience builder's statements. Pure core only.
export * from './native-entry';
export { FieldTables, readCustomerProfile } from '../../src/analyses/customer/read';
export { profileInput } from '../../src/analyses/customer/input';
export { buildThresholdsQuery } from '../../src/analyses/lifecycle/sql';
export { audienceAnalysis, buildCountQuery } from '../../src/analyses/audience/sql';
export { preparedSettings } from '../../src/analyses/registry-tools';
