/**
 * Finds the image tags a build step writes (`docker push`, `docker tag`, `docker build --tag`, `gcloud artifacts
 * docker tags add`, `gcloud builds submit --tag`) and tells immutable ones from floating ones. It reads shell text,
 * not a shell: a tag it cannot read as immutable (a variable, say) counts as floating, so tags are written out.
 */
import { unescapeFromCloudBuild } from "./steps/shell";

/** `sha-` and the commit: forty hex digits, or Cloud Build's `$COMMIT_SHA` written as `$COMMIT_SHA` / `${COMMIT_SHA}`. */
const IMMUTABLE_TAG = /^sha-([0-9a-f]{40}|\$COMMIT_SHA|\$\{COMMIT_SHA\})$/;

export interface TagWrite {
    /** The command as written, e.g. `docker push`. */
    command: string;
    /** The image reference it pushes or tags. */
    reference: string;
    /** Its tag as `tagOf` reads it. */
    tag: string;
}

export function isImmutableTag(tag: string): boolean {
    return IMMUTABLE_TAG.test(tag);
}

/**
 * The tag of `reference`: `latest` when it names none, the reference itself when a variable hides it, `undefined`
 * for a digest reference (which moves no tag).
 */
export function tagOf(reference: string): string | undefined {
    if (reference.includes("@")) {
        return undefined;
    }
    const lastPart = reference.slice(reference.lastIndexOf("/") + 1);
    if (lastPart.includes(":")) {
        return lastPart.slice(lastPart.indexOf(":") + 1);
    }
    return lastPart.includes("$") ? reference : "latest";
}

/** Every tag `text` (a script or a command line, with Cloud Build's `$$` allowed) pushes or sets. */
export function tagWrites(text: string): TagWrite[] {
    return commands(unescapeFromCloudBuild(text)).flatMap((words) => referencesWritten(words).flatMap(({ command, reference }) => {
        const tag = tagOf(reference);
        return tag === undefined ? [] : [{ command, reference, tag }];
    }));
}

export function floatingTagWrites(text: string): TagWrite[] {
    return tagWrites(text).filter((write) => !isImmutableTag(write.tag));
}

/** Simple commands as word lists: continuation lines joined, split at newlines and `; && || |`, quotes dropped. */
function commands(text: string): string[][] {
    return text
        .replace(/\\\n/g, " ")
        .split(/\n|;|&&|\|\||\|/)
        .map((command) => command.replace(/["']/g, "").trim().split(/\s+/).filter((word) => word.length > 0))
        .filter((words) => words.length > 0);
}

/** Words that may precede the command itself: `if docker push ...`, `then gcloud ...`. */
const PREFIX_WORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "exec", "time", "{", "("]);

function referencesWritten(words: string[]): Array<{ command: string; reference: string }> {
    const start = words.findIndex((word) => !PREFIX_WORDS.has(word));
    if (words[start] !== "docker" && words[start] !== "gcloud") {
        return [];
    }
    const rest = words.slice(start + 1).filter((word) => word !== "image" && word !== "buildx");
    const positional = rest.filter((word) => !word.startsWith("-"));
    const sub = positional[0];
    if (words[start] === "docker" && sub === "push") {
        return positional.slice(1, 2).map((reference) => ({ command: "docker push", reference }));
    }
    if (words[start] === "docker" && sub === "tag") {
        return positional.slice(2, 3).map((reference) => ({ command: "docker tag", reference }));
    }
    if (words[start] === "docker" && sub === "build") {
        return tagOptions(rest).map((reference) => ({ command: "docker build", reference }));
    }
    if (words[start] === "gcloud" && positional.slice(0, 4).join(" ") === "artifacts docker tags add") {
        return positional.slice(5, 6).map((reference) => ({ command: "gcloud artifacts docker tags add", reference }));
    }
    if (words[start] === "gcloud" && positional.slice(0, 2).join(" ") === "builds submit") {
        return tagOptions(rest).map((reference) => ({ command: "gcloud builds submit", reference }));
    }
    return [];
}

/** Values of `-t X`, `--tag X` and `--tag=X`. */
function tagOptions(words: string[]): string[] {
    return words.flatMap((word, index) => {
        if (word === "-t" || word === "--tag") {
            return words[index + 1] !== undefined ? [words[index + 1]] : [];
        }
        return word.startsWith("--tag=") ? [word.slice("--tag=".length)] : [];
    });
}
