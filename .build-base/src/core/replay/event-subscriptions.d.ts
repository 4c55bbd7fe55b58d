import type { DurableTask } from './durable-task.js';
import type { TaskTracker } from './task-tracker.js';
/** A queue message not consumed by the code. */
export interface QueuedMessage {
    readonly eventId: number;
    readonly name: string;
    readonly data: string;
}
export declare class EventSubscriptions {
    #private;
    constructor(tasks: TaskTracker);
    /**
     * The walk reached the `ExternalSubscribed` event `eventId`, claimed by the code: from here
     * on, an `ExternalEvent` named `name` may go to it.
     */
    addExternalWait(eventId: number, name: string): void;
    /** Delivers an `ExternalEvent`; returns true if the code may run. */
    deliverExternal(name: string, data: string): boolean;
    /** The code claimed a `QueueSubscribed` event: it takes the next message of that queue. */
    addQueueWait(eventId: number, name: string, task: DurableTask<unknown>): void;
    /** Delivers a `QueueEventDelivered`; returns true if the code may run. */
    deliverQueueMessage(eventId: number, name: string, data: string): boolean;
    /** Appends the delivered messages no subscription has taken to `into`. */
    collectUnconsumed(into: QueuedMessage[]): void;
}
