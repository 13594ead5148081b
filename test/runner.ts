/**
 * `npm test`: the type-check (tsc) and every test (mocha) at the same time, so the whole takes about as long as the
 * slower of the two on a two-core machine. tsc's findings are printed once mocha is done, so the two never interleave.
 * Exit status: 0 only when both pass. Extra arguments go to mocha (e.g. a spec file, `--grep`).
 */
import { spawn } from "child_process";
import { projectDir } from "../config";

interface Finished {
    code: number;
    output: string;
}

function run(script: string, args: string[], captured: boolean): Promise<Finished> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [require.resolve(script), ...args], { cwd: projectDir(), stdio: captured ? ["ignore", "pipe", "pipe"] : "inherit" });
        let output = "";
        child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    });
}

export async function main(argv: string[]): Promise<number> {
    const specs = argv.length > 0 ? argv : ["test/**/*.test.ts"];
    const typecheck = run("typescript/bin/tsc", ["-p", "."], true);
    const tests = run("mocha/bin/mocha.js", specs, false);
    const [checked, tested] = await Promise.all([typecheck, tests]);
    if (checked.code !== 0) {
        process.stderr.write(`\ntsc -p . found type errors:\n${checked.output}`);
    }
    return checked.code !== 0 ? checked.code : tested.code;
}
