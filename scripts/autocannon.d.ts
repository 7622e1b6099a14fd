// The part of autocannon's programmatic API scripts/bench.ts uses (the package ships no types).
declare module "autocannon" {
  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
  };
  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: Request) => Request;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: Request[];
    /** Requests a second from all connections together. */
    overallRate?: number;
  };
  export type Result = {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };
  /** What autocannon returns: a promise of the result that also tells each response as it comes (the client is one connection). */
  export type Instance = Promise<Result> & {
    on(event: "response", listener: (client: object, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
  };
  export default function autocannon(options: Options): Instance;
}
