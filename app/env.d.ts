/// <reference types="@remix-run/dev" />
import "@remix-run/node";

// Single fetch changes what loaders and actions return to the page; this tells the types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// What app/server.ts hands every loader and action as `context`.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's IP address (the proxy's view of it when TRUST_PROXY is set). */
    clientIp: string;
  }
}
