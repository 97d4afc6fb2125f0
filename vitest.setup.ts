import * as fc from "fast-check"

/**
 * Every property runs at least 1,000 cases unless a test says otherwise;
 * `FC_NUM_RUNS` raises (or, locally, lowers) the default.
 */
fc.configureGlobal({ numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) })
