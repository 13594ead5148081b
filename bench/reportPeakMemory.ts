/**
 * Preloaded (`--require`) into a process the bench measures: when the process exits, writes its peak resident memory
 * in kilobytes (getrusage's ru_maxrss) to the file named by BILKO_BENCH_PEAK_FILE.
 */
import * as fs from "fs";

process.on("exit", () => {
    const file = process.env.BILKO_BENCH_PEAK_FILE;
    if (file) {
        fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
    }
});
