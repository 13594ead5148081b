/**
 * Text every YAML reader keeps as it is. YAML 1.1 readers (the Pulumi CLI's Go loader among them) take U+0085,
 * U+2028 and U+2029 as line breaks even inside quotes, where a YAML 1.2 reader keeps them; control characters and
 * lone surrogates have no plain form at all; U+FFFD is what an argument that was not UTF-8 decodes to.
 */

const NAMES: Readonly<Record<string, string>> = {
    "\t": "tab",
    "\n": "line feed",
    "\r": "carriage return",
    "\u0085": "next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\ufeff": "byte order mark",
    "\ufffd": "replacement character: was the text valid UTF-8?",
};

// Controls (C0, DEL, C1), lone surrogates, line and paragraph separators, BOM, U+FFFD and the two noncharacters.
const UNSAFE = /[\p{Cc}\p{Cs}\u2028\u2029\ufeff\ufffd\ufffe\uffff]/u;

/** `U+2028 (line separator)` for the first character of `text` that cannot be written safely; undefined if none. */
export function unsafeCharacter(text: string): string | undefined {
    const match = UNSAFE.exec(text);
    if (!match) {
        return undefined;
    }
    const character = match[0];
    const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
    const surrogate = character >= "\ud800" && character <= "\udfff";
    return `${code} (${NAMES[character] ?? (surrogate ? "lone surrogate" : "control character")})`;
}
