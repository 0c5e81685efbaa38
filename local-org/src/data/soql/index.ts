// The SOQL engine: build a query from inline SOQL (soqlFromContext) or a dynamic SOQL string (parseSoql), then
// run it against the org's rows (runSoql).
export type * from './ast';
export { soqlFromContext } from './build';
export { parseSoql } from './parse';
export { runSoql, type SoqlResult, type SoqlRunOptions } from './evaluate';
