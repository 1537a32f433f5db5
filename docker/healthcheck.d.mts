/** Types of healthcheck.mjs, which the image runs as plain JavaScript (no build step). */
export declare const SERVER_PORTS: Record<string, ReadonlyArray<readonly [variable: string, port: number]>>;
export declare function serverOf(commandLines: readonly string[]): string | undefined;
export declare function healthUrls(app: string, env: Record<string, string | undefined>): string[];
