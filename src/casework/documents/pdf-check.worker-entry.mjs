// A worker thread does not inherit the main thread's tsx hooks (Node 20): register them here.
import { register } from "tsx/esm/api";

register();
export default (await import("./pdf-check.worker.ts")).default;
