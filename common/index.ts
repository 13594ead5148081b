/** Helpers every concept shares: text for messages, and the one way tools call gcloud. */
export { gcloud, GcloudError, gcloudJson, GCLOUD_TIMEOUT_MS } from "./gcloud";
export { closest } from "./suggest";
export { show, truncate } from "./text";
