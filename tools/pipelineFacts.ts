/** What a deploy step needs to know about a stack, one item per line (see components/pipeline/factsCommand.ts). */
import { main } from "../components/pipeline/factsCommand";

process.exitCode = main(process.argv.slice(2));
