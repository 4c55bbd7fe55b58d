/** The skip-list entry of reduced-conformance-fixture.ts, shared with the test that reads its report. */
export const SKIPPED_BY_LIST = 'messages for never-started instances do not block other instances';
export const SKIP_REASON = 'skipped by the skip list of the fixture';
//# sourceMappingURL=reduced-conformance-names.js.map