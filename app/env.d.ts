/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";

// Single fetch changes what loaders and actions return to the page; this tells the types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
