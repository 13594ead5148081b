/** Text helpers every concept's messages use. */
export { closest } from "./suggest";
export { show, truncate } from "./text";
