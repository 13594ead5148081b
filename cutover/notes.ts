/** The values marked "synthetic" (invented where the seeds are silent) in the estate and stack files, line by line. */

export interface TextFile {
    /** How the runbook names the file (`estate/<project>.yaml`, `Pulumi.demo.yaml`). */
    name: string;
    text: string;
}

/** A comment that says what follows is synthetic: `# synthetic...`, on its own line or after a value. */
const MARK = /#\s*synthetic\b/;

/**
 * `` `file` line N: `the value line` `` for every value marked synthetic; a mark on a comment line of its own
 * belongs to the value line that follows it.
 */
export function syntheticLines(files: readonly TextFile[]): string[] {
    return files.flatMap((file) => {
        const lines = file.text.split("\n");
        const marked = new Set<number>();
        lines.forEach((line, index) => {
            if (!MARK.test(line)) {
                return;
            }
            let value = index;
            while (value < lines.length && lines[value].trim().startsWith("#")) {
                value++;
            }
            marked.add(value);
        });
        return [...marked].filter((index) => index < lines.length).map((index) => `\`${file.name}\` line ${index + 1}: \`${lines[index].trim()}\``);
    });
}
