/**
 * Fleet version policies and the one rule that turns a policy into the version of a new
 * execution (docs/versioning.md, "How a version is chosen"). Pure: the caller gathers the inputs
 * (the stored policy, the versions live nodes register, the current execution's version).
 * @module
 */

/** A version policy as stored per orchestration name and shared by every node. */
export type StoredVersionPolicy =
  /** The highest release every live node registers (the default). */
  | { readonly kind: 'latest' }
  /** Always this version; `allowDowngrade` lets continue-as-new move instances down to it. */
  | { readonly kind: 'pinned'; readonly version: string; readonly allowDowngrade?: boolean | undefined }
  /**
   * Canary: `percent` of instances (chosen deterministically from the instance id) run `to`,
   * the rest `from`.
   */
  | { readonly kind: 'ramp'; readonly from: string; readonly to: string; readonly percent: number };

export type VersionPolicyKind = StoredVersionPolicy['kind'];
