/** Shell text for the pipeline's step scripts, and the one escape Cloud Build needs. */

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `value` as one shell word: unchanged when it needs no quoting, otherwise single-quoted. */
export function shellQuote(value: string): string {
    return SAFE_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Cloud Build substitutes `$NAME` and `${NAME}` in step args and reads `$$` as a literal `$`. Scripts get every
 * build value through step env instead, so every `$` in them is the shell's and is doubled.
 */
export function escapeForCloudBuild(script: string): string {
    return script.replace(/\$/g, "$$$$");
}

/** The script bash or sh runs, from the text Cloud Build holds. */
export function unescapeFromCloudBuild(text: string): string {
    return text.replace(/\$\$/g, "$");
}
