/**
 * Recognises credentials by their value, whatever the variable is called: the formats of well-known providers, and
 * long random-looking literals. Names alone miss `SMTP_PASS`, `JWT_SIGNING_KEY` or `STRIPE_SK`; values do not.
 */

/** Formats that are a credential wherever they appear, each with what to call it in a message. */
const KNOWN_FORMATS: ReadonlyArray<readonly [RegExp, string]> = [
    [/\b(sk|rk)_(live|test)_[0-9A-Za-z]{10,}/, "a Stripe secret key"],
    [/\bxox[abeoprs]-[0-9A-Za-z-]{10,}/, "a Slack token"],
    [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/, "a private key (PEM)"],
    [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/, "a JSON Web Token"],
    [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id"],
    [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
    [/\bgh[pousr]_[0-9A-Za-z]{36,}\b/, "a GitHub token"],
];

/** Runs of characters keys are written in (base64, base64url, hex); URLs, hosts and addresses split into short ones. */
const TOKEN = /[A-Za-z0-9+/=_-]+/g;
const MIN_MIXED_LENGTH = 24;
const MIN_MIXED_ENTROPY = 3.8;
/** Random text switches between upper case, lower case and digits often; `CamelCaseNames2024` rarely does. */
const MIN_CLASS_SWITCHES = 0.4;

/** Shannon entropy of `text` in bits per character. */
export function entropy(text: string): number {
    const counts = new Map<string, number>();
    for (const char of text) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    return [...counts.values()].reduce((sum, count) => {
        const p = count / text.length;
        return sum - p * Math.log2(p);
    }, 0);
}

/** How often, per character, the next character is of another class (upper case, lower case, digit, other). */
function classSwitchRate(text: string): number {
    const classOf = (char: string) => (/[A-Z]/.test(char) ? "u" : /[a-z]/.test(char) ? "l" : /[0-9]/.test(char) ? "d" : "o");
    let switches = 0;
    for (let index = 1; index < text.length; index++) {
        switches += classOf(text[index]) === classOf(text[index - 1]) ? 0 : 1;
    }
    return switches / text.length;
}

/**
 * A token that reads as random: long, mixing upper case, lower case and digits often, with high entropy. Hex alone is
 * never enough: commit SHAs, digests, zone ids and UUIDs are hex and public.
 */
function looksRandom(token: string): boolean {
    const bare = token.replace(/^[-_/=+]+|[-_/=+]+$/g, "");
    const mixed = /[A-Z]/.test(bare) && /[a-z]/.test(bare) && /[0-9]/.test(bare);
    return mixed && bare.length >= MIN_MIXED_LENGTH && entropy(bare) >= MIN_MIXED_ENTROPY && classSwitchRate(bare) >= MIN_CLASS_SWITCHES;
}

/** What credential `value` looks like ("a Stripe secret key", "a high-entropy literal"), or `undefined` for a plain value. */
export function plaintextSecretKind(value: string): string | undefined {
    const known = KNOWN_FORMATS.find(([pattern]) => pattern.test(value));
    if (known) {
        return known[1];
    }
    const tokens = value.match(TOKEN) ?? [];
    return tokens.some(looksRandom) ? "a high-entropy literal (a key or password, by the look of it)" : undefined;
}
