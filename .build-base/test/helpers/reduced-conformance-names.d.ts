/** The skip-list entry of reduced-conformance-fixture.ts, shared with the test that reads its report. */
export declare const SKIPPED_BY_LIST = "messages for never-started instances do not block other instances";
export declare const SKIP_REASON = "skipped by the skip list of the fixture";
