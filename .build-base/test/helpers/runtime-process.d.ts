/** One line of the side-effect log. */
export interface EffectLine {
    /** Process label (`DUROXIDE_RP_NAME`). */
    readonly proc: string;
    readonly pid: number;
    /** `run` when an activity body starts; `done` when `Slow` finishes its sleep. */
    readonly ev: 'run' | 'done';
    readonly instanceId: string;
    readonly activity: string;
    readonly input: unknown;
    readonly t: number;
}
/** Messages sent to the parent over IPC. */
export type ChildMessage = {
    readonly type: 'ready';
    readonly pid: number;
} | {
    readonly type: 'stopped';
    readonly metrics: unknown;
} | {
    readonly type: 'error';
    readonly message: string;
};
/** Input of a `Step`/`Slow` activity. */
export interface StepInput {
    readonly label: string;
}
