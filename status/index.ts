/** `npm run status`: what each stack runs, since when, and what may be promoted next, as text, JSON or one HTML page. */
export { board, deployedAt, type Blocker, type Board, type BoardInput, type Cell, type Guard, type StackInput } from "./board";
export { main } from "./cli";
export { COLOURS, LAYOUT, renderHtml } from "./html";
export { commitsOfImages } from "./read";
export { duration, renderText, verdict } from "./render";
