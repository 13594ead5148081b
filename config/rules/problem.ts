/** What a rule that spans keys reports: the key to name, and why. */
export interface Problem {
    key: string;
    reason: string;
}
