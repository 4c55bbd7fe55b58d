export interface TargetOptions {
    readonly url?: string;
    readonly store?: string;
    readonly schema?: string;
}
export interface ApiConnection {
    /** Sends a request; returns the parsed JSON body of a 2xx answer. @throws CliError otherwise. */
    request(method: string, path: string, body?: unknown): Promise<unknown>;
    /** A GET whose 2xx answer is returned as text (NDJSON). @throws CliError otherwise. */
    text(path: string): Promise<string>;
    close(): Promise<void>;
}
export declare function connect(options: TargetOptions, env?: NodeJS.ProcessEnv): Promise<ApiConnection>;
